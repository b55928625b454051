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
  'closingHost',
  'screen',
  'closingScreen',
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
];

/** Parts of a phone namespace that only the other pages use: the refusals of the host's console commands. */
export const NOT_ON_THE_PHONE_WITHIN: readonly string[] = ['errors.command'];

/** The namespaces of `messages` a phone needs, without the parts in NOT_ON_THE_PHONE_WITHIN. */
export function phoneMessages<T extends Record<string, unknown>>(messages: T): Partial<T> {
  const kept: Record<string, unknown> = Object.fromEntries(Object.entries(messages).filter(([namespace]) => !NOT_ON_THE_PHONE.includes(namespace)));
  for (const path of NOT_ON_THE_PHONE_WITHIN) {
    const [namespace, part] = path.split('.') as [string, string];
    const within = kept[namespace];
    if (typeof within === 'object' && within !== null) kept[namespace] = Object.fromEntries(Object.entries(within).filter(([key]) => key !== part));
  }
  return kept as Partial<T>;
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
