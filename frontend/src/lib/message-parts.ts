/**
 * The phone loads only part of the interface's messages: the organisers' pages (editor, advice,
 * tickets, committee…) have most of the text, and a phone on a venue's network should not wait
 * for it. A message namespace belongs to the phone's part unless it is listed here as one only
 * the other pages use, so a new namespace is on the phone until someone moves it out.
 *
 * Used by the build (`nl.json?phone` in vite.config.ts) and by the test that checks every
 * namespace the phone's components use is in its part.
 */
export const NOT_ON_THE_PHONE: readonly string[] = [
  'language',
  'role',
  'home',
  'account',
  'login',
  'signup',
  'invite',
  'evening',
  'evenings',
  'copyEvening',
  'editor',
  'general',
  'tender',
  'bidders',
  'criteria',
  'scale',
  'freeze',
  'join',
  'network',
  'host',
  'screen',
  'advice',
  'adviceDoc',
  'committee',
  'rules',
  'tickets',
  'paper',
  'verify',
  'auditType',
  'auditActor',
  'audit',
  'receipt',
  'privacy',
  'check',
  'accountPage',
  // the audit page's entries, the host's and the big screen's close countdown, the organisers' tables
  'auditDetail',
  'closingHost',
  'closingScreen',
  'tables',
  // the setup's award criteria and declarations, the incidents, the sign-up pages (issues 15 and 17)
  'award',
  'declarations',
  'incidents',
  'announce',
  'mySignup',
  'signups',
  // the bidders' own page and the host's invitations to it (issue 17)
  'bidderPage',
  'bidderLinks',
  // the editor's draw by lot with a commitment (issue 15)
  'lotDraw',
  // questions from the room: the phone fetches them with its question chunk (QUESTION_PARTS, lib/question-messages.ts)
  'questions',
];

/**
 * Parts of the phone's namespaces that only the organisers' pages show (a dotted key names a message
 * or a group of them): the refusals only an organiser can get (the console's commands, the setup's
 * checks, permissions, accounts, the advice, paper cards, documents). A phone that got one anyway
 * shows the code's own sentence, or the general one, still in the reader's language.
 */
export const NOT_ON_THE_PHONE_WITHIN: readonly string[] = [
  'errors.command',
  // fetched with the phone's question chunk (QUESTION_PARTS)
  'errors.question',
  ...['paper', 'setup', 'tickets', 'network', 'accounts', 'advice', 'receipt', 'procedure', 'signup', 'bidderLink', 'bidderPage', 'results', 'joinWatch'].map((k) => `errors.${k}`),
  ...['adviceIncomplete', 'adviceSummaryEmpty', 'adviceRecommendationEmpty', 'adviceEmptySections', 'adviceBidderEmpty', 'adviceAwardCriteriaNotRecorded', 'adviceAwardPublishedNotRecorded', 'adviceAnnouncedNotRecorded', 'adviceDeclarationsNotRecorded', 'adviceDeclarationsNetworkNotRecorded', 'adviceDeclarationsModeratorNotRecorded', 'adviceDeclarationsVenueNotRecorded'].map((k) => `errors.${k}`),
  ...['awardCriterionUnknown', 'awardWeightsTotal', 'awardAnnouncedWhereMissing', 'awardDuplicate', 'drawSeedMismatch', 'drawNotCommitted', 'drawAlreadyCommitted'].map((k) => `errors.${k}`),
  ...['forbidden', 'setupIncomplete', 'tenderNameMissing', 'municipalityMissing', 'tooFewBidders', 'pitchLengthMissing', 'bidderDeclined', 'noCriteria'].map((k) => `errors.${k}`),
  ...['weightsEmpty', 'weightsNotWhole', 'weightsOutOfRange', 'weightsTotal'].map((k) => `errors.${k}`),
  ...['Size', 'Values', 'SameValue', 'Order', 'LabelMissing', 'SameLabel', 'NumericLabels', 'NumericGaps', 'Unusable'].map((k) => `errors.scale${k}`),
  // every "not found" but the evening's code, which a phone gets for a mistyped one
  ...['evening', 'committeeLink', 'bidder', 'criterion', 'ticket', 'member', 'invitation', 'session', 'paperEntry', 'link', 'adviceVersion', 'adviceFile', 'adviceEdition', 'sealedFrame', 'frozenSetup', 'bidderLink'].map(
    (k) => `errors.notFound.${k}`,
  ),
  ...[
    'INVALID_CREDENTIALS',
    'EMAIL_TAKEN',
    'INVITATION_INVALID',
    'SETUP_FROZEN',
    'SETUP_INCOMPLETE',
    'EVENING_SEALED',
    'EVENING_NOT_ENDED',
    'DRAFT_CHANGED',
    'ADVICE_INCOMPLETE',
    'QUOTES_NOT_CONFIRMED',
    'ADVICE_NOT_ISSUED',
    'LINK_REVOKED',
    'PAPER_CARD_INVALID',
    'PAPER_SAME_MODERATOR',
    'PAPER_CLOSED',
    'PAPER_CARD_NOT_PRINTED',
    'WEIGHTS_INVALID',
    'SCALE_INVALID',
    'ORDER_INVALID',
    'DUPLICATE_NAME',
    'ACCOUNT_LOCKED',
    'PASSWORD_INCORRECT',
    'LAST_OWNER',
    'RECEIPT_NOT_FOUND',
    'RENDER_BUSY',
    'RENDER_TOO_LARGE',
  ].map((code) => `apiError.${code}`),
];

/**
 * What the phone's question chunk fetches when a pitch is on stage (`nl.json?questions`): the
 * questions' own messages and their refusals, kept off the phone's first load.
 */
export const QUESTION_PARTS: readonly string[] = ['questions', 'errors.question'];

/** Only the parts of `messages` at the dotted keys `parts` (a copy). */
export function onlyParts(messages: Record<string, unknown>, parts: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const keys = part.split('.');
    let from: unknown = messages;
    for (const k of keys) from = from && typeof from === 'object' ? (from as Record<string, unknown>)[k] : undefined;
    if (from === undefined) continue;
    let into = out;
    for (const k of keys.slice(0, -1)) into = (into[k] ??= {}) as Record<string, unknown>;
    into[keys.at(-1)!] = from;
  }
  return out;
}

/** `messages` without the message or group at the dotted `key` (a copy; the original is not changed). */
function without(messages: Record<string, unknown>, key: string): Record<string, unknown> {
  const [head, ...rest] = key.split('.');
  if (!head || !(head in messages)) return messages;
  if (rest.length === 0) return Object.fromEntries(Object.entries(messages).filter(([k]) => k !== head));
  const inner = messages[head];
  if (!inner || typeof inner !== 'object') return messages;
  return { ...messages, [head]: without(inner as Record<string, unknown>, rest.join('.')) };
}

/** The namespaces of `messages` a phone needs, without the parts in NOT_ON_THE_PHONE_WITHIN. */
export function phoneMessages<T extends Record<string, unknown>>(messages: T): Partial<T> {
  const namespaces = Object.fromEntries(Object.entries(messages).filter(([namespace]) => !NOT_ON_THE_PHONE.includes(namespace)));
  return NOT_ON_THE_PHONE_WITHIN.reduce(without, namespaces) as Partial<T>;
}

type Parse = (message: string, options: { ignoreTag: boolean }) => unknown[];

/**
 * Every message of `messages` that is more than a literal, with its parse (for
 * lib/parsed-messages.ts): parsed as svelte-i18n asks intl-messageformat to (tags ignored).
 */
export function parsedMessages(messages: unknown, parse: Parse): [string, unknown[]][] {
  const found = new Map<string, unknown[]>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (found.has(value)) return;
      const parsed = parse(value, { ignoreTag: true });
      const literal = parsed.length === 1 && (parsed[0] as { type: number; value: unknown }).type === 0 && (parsed[0] as { value: unknown }).value === value;
      if (!literal && value !== '') found.set(value, parsed);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(messages);
  return [...found];
}

/**
 * `messages` with every message that `parsed` lists (see parsedMessages) replaced by its parse, for
 * the phone's own page: lib/phone-i18n.ts formats a parse, and a plain string is its own text.
 */
export function inlineParsed(messages: unknown, parsed: ReadonlyMap<string, unknown[]>): unknown {
  if (typeof messages === 'string') return parsed.get(messages) ?? messages;
  if (!messages || typeof messages !== 'object') return messages;
  return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, inlineParsed(value, parsed)]));
}
