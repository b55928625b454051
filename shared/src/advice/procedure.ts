/**
 * The account of the procedure in the advice's chapter on how the evening went: planned and
 * measured minutes per bidder, a statement on equal conditions derived from those facts, every
 * reopened scoring with what it changed, the declarations of interest of the organisers, how ties
 * and presence were handled, and the incidents the organisers recorded. Its own wording in Dutch
 * and English; every sentence is chosen by the facts it states.
 */

import type { EveningDetail } from '../api/rest';
import type { Language } from '../domain/setup';
import { DECLARANT_ROLES, type DeclarantRole, type Incident } from '../domain/procedure';
import { pluralForm, type PluralForms } from '../logic/plural';
import type { DocBlock, DocText } from './document';
import { minutesBetween, scoringMinutes, type PitchTiming, type ReopeningEffect } from './procedure-facts';

/** A measured slot that differs from its plan by more than this many minutes is named. */
export const TIME_TOLERANCE_MINUTES = 2;

const forms = (one: string, other: string): PluralForms => ({ one, other });

const NL = {
  timings: 'Tijden per inschrijver',
  timingsNote:
    'Gepland: de minuten voor pitch en vragen uit het beoordelingskader. Gemeten: van de start van de pitch tot de start van de volgende pitch of het einde van de avond, zoals het logboek van de avond die vastlegt. Buurtjury legt niet vast wanneer de vragen beginnen: de gemeten tijd is die van pitch en vragen samen, met de wissel naar de volgende pitch. Stemmen open: wanneer het beoordelen van die pitch openstond.',
  timingsHeader: ['Nr.', 'Inschrijver', 'Gepland (pitch + vragen)', 'Begin', 'Gemeten', 'Stemmen open'],
  planned: '{pitch} + {qa} min',
  measured: '{m} min',
  measuredToEnd: '{m} min (tot het einde van de avond)',
  skipped: 'overgeslagen',
  notHeld: 'niet gehouden',
  notOpened: 'niet geopend',
  minutes: forms('{n} minuut', '{n} minuten'),
  criteria: forms('{n} criterium', '{n} criteria'),
  equal: 'Gelijke omstandigheden',
  frameSame:
    'Alle inschrijvers zijn beoordeeld op dezelfde {criteria} met dezelfde gewichten, op dezelfde schaal en onder dezelfde regels voor wie mocht stemmen: dat kader lag vast op {frozen}{beforeFirst} en is daarna niet veranderd.',
  beforeFirst: ', vóór de eerste pitch,',
  frameAfterStart: 'Het beoordelingskader werd vastgelegd op {frozen}, na de start van de eerste pitch ({start}).',
  frameNotFrozen: 'Het beoordelingskader is niet vastgelegd.',
  plannedSame: 'Elke inschrijver had dezelfde geplande tijd: {pitch} voor de pitch en {qa} voor vragen.',
  plannedDiffer: 'De geplande tijden verschilden per inschrijver: {list}.',
  plannedItem: '{bidder} {pitch} + {qa} min',
  noneStarted:
    'Geen pitch is in Buurtjury gestart (bijvoorbeeld omdat alleen met papieren scorekaarten is gestemd), dus de werkelijke tijden zijn niet vastgelegd. Of de werkelijke omstandigheden gelijk waren, kan dit advies daarom niet zeggen.',
  within: forms(
    'De gehouden pitch week niet meer dan {tolerance} af van de geplande tijd (gemeten: {min} minuten).',
    'Elke gehouden pitch week niet meer dan {tolerance} af van de geplande tijd (gemeten: {min} tot {max} minuten).',
  ),
  deviations: 'Meer dan {tolerance} afwijking van de geplande tijd: {list}.',
  deviation: '{bidder} (gepland {planned}, gemeten {measured} minuten{toEnd})',
  toEnd: ', tot het einde van de avond',
  skippedList: 'Overgeslagen, dus niet gepresenteerd: {list}.',
  notHeldList: 'Niet gehouden, omdat de avond eerder eindigde: {list}.',
  scoringRange: 'Het stemmen stond het kortst open voor {short} ({shortMin} minuten) en het langst voor {long} ({longMin} minuten).',
  reopenedNote: forms('Het beoordelen is {n} keer heropend; wat dat veranderde, staat hieronder.', 'Het beoordelen is {n} keer heropend; wat dat veranderde, staat hieronder.'),
  incidentsNote: forms(
    'De organisatie legde {n} incident vast; wat er gebeurde en wat het gevolg was, staat hieronder bij Incidenten.',
    'De organisatie legde {n} incidenten vast; wat er gebeurde en wat het gevolg was, staat hieronder bij Incidenten.',
  ),
  conclusionEqual: 'Voor zover Buurtjury de omstandigheden vastlegt, waren ze voor alle inschrijvers gelijk.',
  conclusionEqualIncidents: 'Voor zover Buurtjury de omstandigheden vastlegt, waren ze voor alle inschrijvers gelijk; of de incidenten daar iets aan veranderden, staat bij Incidenten.',
  conclusionUnequal: 'De omstandigheden waren dus niet voor alle inschrijvers gelijk; de verschillen staan hierboven.',
  reopenings: 'Heropend beoordelen',
  reopeningsNone: 'Het beoordelen is bij geen enkele inschrijver heropend.',
  reopeningsIntro:
    'Per heropening: hoeveel getelde beoordelingen voor die inschrijver daarna binnenkwamen, en of de rangorde (volgens het meerderheidsoordeel, berekend door dezelfde rekenmodule als de uitslag) zonder die beoordelingen anders is. Papieren scorekaarten hebben geen tijd van binnenkomst en tellen in beide berekeningen mee.',
  reopened: '{time}: het beoordelen van {bidder} is heropend{reason}.',
  reason: ' (reden: “{reason}”)',
  afterNone: 'Daarna kwam voor {bidder} geen beoordeling meer binnen die meetelt; de uitslag hangt er dus niet van af.',
  after: forms('Daarna kwam voor {bidder} {n} beoordeling binnen die meetelt.', 'Daarna kwamen voor {bidder} {n} beoordelingen binnen die meetellen.'),
  replaced: forms('Daarvan verving {n} een eerdere beoordeling van dezelfde telefoon.', 'Daarvan vervingen {n} een eerdere beoordeling van dezelfde telefoon.'),
  without: forms('Zonder die beoordeling', 'Zonder die beoordelingen'),
  withReplaced: forms(', met de eerdere beoordeling die zij verving,', ', met de eerdere beoordelingen die zij vervingen,'),
  same: '{without} is de rangorde precies dezelfde.',
  changes: '{without} is de rangorde anders.',
  firstSame: 'De eerste plaats blijft bij {first}.',
  firstChanges: 'Op de eerste plaats staat dan {without} in plaats van {with}.',
  meanChanges: forms(
    'De volgorde op het gewogen gemiddelde (ter controle) is zonder die beoordeling wel anders; het oordeel over een voorkeur kijkt ook naar dat gemiddelde.',
    'De volgorde op het gewogen gemiddelde (ter controle) is zonder die beoordelingen wel anders; het oordeel over een voorkeur kijkt ook naar dat gemiddelde.',
  ),
  nobodyFirst: 'niemand',
  declarations: 'Belangen van de organisatie',
  declarationsIntro:
    'Bij het vastleggen van het beoordelingskader heeft de organisatie vastgelegd welke belangen zij meldt van het bewonersnetwerk, zijn moderatoren en de locatie bij de inschrijvers, en wat daaraan is gedaan. Deze verklaringen horen bij het beoordelingskader en vallen onder de vingerafdruk ervan.',
  declarationsNone: 'De organisatie heeft bij het vastleggen van het beoordelingskader geen verklaringen over belangen vastgelegd, ook niet dat er geen belangen zijn.',
  declarationsHeader: ['Wie', 'Rol', 'Belang', 'Maatregel'],
  roles: { network: 'bewonersnetwerk', moderator: 'moderator', venue: 'locatie' } satisfies Record<DeclarantRole, string>,
  roleLabels: { network: 'Organiserend netwerk', moderator: 'Moderatoren', venue: 'Locatie' } satisfies Record<DeclarantRole, string>,
  roleNone: '{label}: geen belang gemeld.',
  roleNotRecorded: '{label}: niets vastgelegd.',
  moderatorsOthers: 'Andere moderatoren: niets vastgelegd; de verklaring hierboven gaat alleen over wie daar genoemd is.',
  noMeasure: 'geen maatregel vastgelegd',
  handling: 'Band met een inschrijver en aanwezigheid',
  measuresTaken: forms(
    'Bij {n} verklaard belang van de organisatie staat hierboven de maatregel die is genomen.',
    'Bij de {n} verklaarde belangen van de organisatie staat hierboven welke maatregel is genomen.',
  ),
  presenceWhere: 'Hoe de aanwezigheidsregel is toegepast, staat in hoofdstuk {chapter}.',
  moderatorCards:
    'Buurtjury koppelt de verklaringen van moderatoren niet aan hun accounts. Welke accounts de papieren scorekaarten invoerden, staat in hoofdstuk {chapter}; de commissie kan die naast de verklaringen hierboven leggen.',
  lateNone: 'Geen telefoon stuurde een beoordeling terwijl het beoordelen van die pitch gesloten was.',
  late: forms(
    '{n} beoordeling van een telefoon kwam binnen terwijl het beoordelen van haar pitch gesloten was, en telt niet mee (zie hoofdstuk {chapter}).',
    '{n} beoordelingen van telefoons kwamen binnen terwijl het beoordelen van hun pitch gesloten was, en tellen niet mee (zie hoofdstuk {chapter}).',
  ),
  incidents: 'Incidenten',
  incidentsIntro: 'Wat de organisatie tijdens of na de avond heeft vastgelegd: wat er gebeurde, het gevolg en de maatregel. Elke vastlegging en wijziging staat in het auditlogboek.',
  incidentsHeader: ['Tijd', 'Wat gebeurde er', 'Gevolg', 'Maatregel'],
  incidentsNone: 'De organisatie heeft geen incidenten vastgelegd.',
  logEvents: 'Gebeurtenissen in het logboek',
  organisersNote: 'Toelichting van de organisatie',
  eveningNotStarted: 'Er is in Buurtjury geen pitch gestart; de avond is beëindigd op {end}.',
};

type Texts = typeof NL;

const EN: Texts = {
  timings: 'Times per bidder',
  timingsNote:
    'Planned: the minutes for pitch and questions in the scoring frame. Measured: from the start of the pitch to the start of the next pitch or the end of the evening, as the evening’s log records them. Buurtjury does not record when the questions begin: the measured time is that of pitch and questions together, with the change-over to the next pitch. Scoring open: when scoring for that pitch stood open.',
  timingsHeader: ['No.', 'Bidder', 'Planned (pitch + questions)', 'Start', 'Measured', 'Scoring open'],
  planned: '{pitch} + {qa} min',
  measured: '{m} min',
  measuredToEnd: '{m} min (to the end of the evening)',
  skipped: 'skipped',
  notHeld: 'not held',
  notOpened: 'not opened',
  minutes: forms('{n} minute', '{n} minutes'),
  criteria: forms('{n} criterion', '{n} criteria'),
  equal: 'Equal conditions',
  frameSame:
    'All bidders were assessed on the same {criteria} with the same weights, on the same scale and under the same rules on who could vote: that frame was fixed on {frozen}{beforeFirst} and did not change afterwards.',
  beforeFirst: ', before the first pitch,',
  frameAfterStart: 'The scoring frame was fixed on {frozen}, after the first pitch had started ({start}).',
  frameNotFrozen: 'The scoring frame was not fixed.',
  plannedSame: 'Every bidder had the same planned time: {pitch} for the pitch and {qa} for questions.',
  plannedDiffer: 'The planned times differed between bidders: {list}.',
  plannedItem: '{bidder} {pitch} + {qa} min',
  noneStarted:
    'No pitch was started in Buurtjury (for example because voting was on paper score cards only), so the actual times were not recorded. This advice therefore cannot say whether the actual conditions were equal.',
  within: forms(
    'The pitch held differed from its planned time by no more than {tolerance} (measured: {min} minutes).',
    'Every pitch held differed from its planned time by no more than {tolerance} (measured: {min} to {max} minutes).',
  ),
  deviations: 'More than {tolerance} from the planned time: {list}.',
  deviation: '{bidder} (planned {planned}, measured {measured} minutes{toEnd})',
  toEnd: ', to the end of the evening',
  skippedList: 'Skipped, so not presented: {list}.',
  notHeldList: 'Not held, because the evening ended first: {list}.',
  scoringRange: 'Scoring stood open shortest for {short} ({shortMin} minutes) and longest for {long} ({longMin} minutes).',
  reopenedNote: forms('Scoring was reopened once; what that changed is below.', 'Scoring was reopened {n} times; what that changed is below.'),
  incidentsNote: forms(
    'The organisers recorded {n} incident; what happened and its effect are below under Incidents.',
    'The organisers recorded {n} incidents; what happened and their effect are below under Incidents.',
  ),
  conclusionEqual: 'As far as Buurtjury records the conditions, they were the same for every bidder.',
  conclusionEqualIncidents: 'As far as Buurtjury records the conditions, they were the same for every bidder; whether the incidents changed that is under Incidents.',
  conclusionUnequal: 'So the conditions were not the same for every bidder; the differences are above.',
  reopenings: 'Reopened scoring',
  reopeningsNone: 'Scoring was not reopened for any bidder.',
  reopeningsIntro:
    'For each reopening: how many counted assessments for that bidder arrived after it, and whether the ranking (by majority judgment, computed by the same results module as the outcome) is different without them. Paper score cards have no time of arrival and count in both calculations.',
  reopened: '{time}: scoring for {bidder} was reopened{reason}.',
  reason: ' (reason: “{reason}”)',
  afterNone: 'After that, no assessment that counts arrived for {bidder}; the outcome therefore does not depend on it.',
  after: forms('After that, {n} assessment that counts arrived for {bidder}.', 'After that, {n} assessments that count arrived for {bidder}.'),
  replaced: forms('Of these, {n} replaced an earlier assessment from the same phone.', 'Of these, {n} replaced an earlier assessment from the same phone.'),
  without: forms('Without that assessment', 'Without those assessments'),
  withReplaced: forms(', and with the earlier assessment it replaced,', ', and with the earlier assessments they replaced,'),
  same: '{without} the ranking is exactly the same.',
  changes: '{without} the ranking is different.',
  firstSame: 'First place stays with {first}.',
  firstChanges: 'First place would then go to {without} instead of {with}.',
  meanChanges: forms(
    'The order by weighted mean (a check) is different without it; the verdict on a preference looks at that mean too.',
    'The order by weighted mean (a check) is different without them; the verdict on a preference looks at that mean too.',
  ),
  nobodyFirst: 'nobody',
  declarations: 'Interests of the organisers',
  declarationsIntro:
    'When the scoring frame was fixed, the organisers recorded the interests they report of the resident network, its moderators and the venue in the bidders, and what was done about them. These declarations are part of the scoring frame and covered by its fingerprint.',
  declarationsNone: 'When the scoring frame was fixed, the organisers recorded no declarations of interest, not even that there were none.',
  declarationsHeader: ['Who', 'Role', 'Interest', 'Measure'],
  roles: { network: 'resident network', moderator: 'moderator', venue: 'venue' },
  roleLabels: { network: 'Organising network', moderator: 'Moderators', venue: 'Venue' },
  roleNone: '{label}: no interest declared.',
  roleNotRecorded: '{label}: nothing recorded.',
  moderatorsOthers: 'Other moderators: nothing recorded; the declaration above covers only whom it names.',
  noMeasure: 'no measure recorded',
  handling: 'Ties with a bidder and presence',
  measuresTaken: forms(
    'For the {n} declared interest of the organisers, the measure taken is listed above.',
    'For the {n} declared interests of the organisers, the measures taken are listed above.',
  ),
  presenceWhere: 'How the presence rule applied is described in chapter {chapter}.',
  moderatorCards:
    'Buurtjury does not link the moderators’ declarations to their accounts. Which accounts entered the paper score cards is in chapter {chapter}; the committee can set them beside the declarations above.',
  lateNone: 'No phone sent an assessment while scoring for its pitch was closed.',
  late: forms(
    '{n} assessment from a phone arrived while scoring for its pitch was closed, and does not count (see chapter {chapter}).',
    '{n} assessments from phones arrived while scoring for their pitch was closed, and do not count (see chapter {chapter}).',
  ),
  incidents: 'Incidents',
  incidentsIntro: 'What the organisers recorded during or after the evening: what happened, its effect and the measure taken. Every record and change is in the audit trail.',
  incidentsHeader: ['Time', 'What happened', 'Effect', 'Measure'],
  incidentsNone: 'The organisers recorded no incidents.',
  logEvents: 'Events in the log',
  organisersNote: 'The organisers’ note',
  eveningNotStarted: 'No pitch was started in Buurtjury; the evening was ended on {end}.',
};

export const PROCEDURE_TEXTS: Record<Language, Texts> = { nl: NL, en: EN };

/** What the procedure blocks need from the document's formatting. */
export interface ProcedureFormat {
  int(value: number): string;
  num(value: number | null, digits?: number): string;
  time(iso: string | null): string;
  date(iso: string | null): string;
  dateTime(iso: string | null): string;
}

export interface ProcedureInput {
  lang: Language;
  f: ProcedureFormat;
  evening: Pick<EveningDetail, 'bidders' | 'criteria' | 'frozenAt' | 'venue' | 'date' | 'declarations'>;
  network: string;
  timings: readonly PitchTiming[];
  reopenings: readonly ReopeningEffect[];
  incidents: readonly Incident[];
  lateBallots: readonly { late: number }[];
  /** Counted paper score cards, over all bidders (entered by moderator accounts). */
  paperCards: number;
  bidderName: (id: string) => string;
  nameList: (items: string[]) => string;
  /** The sentence on declared ties, as the document words it (the presence rule is told once, in the participation chapter). */
  tiesText: string;
  /** Number of the chapter on participation (for the late ballots and the presence rule). */
  participationChapter: number;
  /** The log's notable events (reopened, skipped, closed automatically), as a table or a sentence. */
  eventBlocks: DocBlock[];
  /** The organisers' free text on incidents, as paragraphs (empty when not written). */
  organisersNote: DocBlock[];
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

function sentence(lang: Language, n: number, f: PluralForms, values: Record<string, string | number>): string {
  return fill(pluralForm(lang, n, f), values);
}

/** The measured minutes of a slot, or null when it was not held or has no end. */
export function measuredMinutes(t: PitchTiming): number | null {
  return minutesBetween(t.startedAt, t.endedAt);
}

/** A held slot whose measured minutes differ from the planned ones by more than the tolerance. */
export function deviates(t: PitchTiming): boolean {
  const m = measuredMinutes(t);
  return m !== null && Math.abs(m - (t.plannedPitchMinutes + t.plannedQaMinutes)) > TIME_TOLERANCE_MINUTES;
}

/** Every block of the account of the procedure, in order. */
export function procedureBlocks(p: ProcedureInput): DocBlock[] {
  return [...timingBlocks(p), ...equalBlocks(p), ...reopeningBlocks(p), ...declarationBlocks(p), ...handlingBlocks(p), ...incidentBlocks(p)];
}

function timingBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const { f } = p;
  const position = new Map(p.evening.bidders.map((b) => [b.id, b.position]));
  const rows: DocText[][] = p.timings.map((x) => {
    const m = measuredMinutes(x);
    const measured =
      m !== null ? fill(x.endedBy === 'evening-ended' ? t.measuredToEnd : t.measured, { m: f.num(m, 1) }) : x.skipped ? t.skipped : x.startedAt === null ? t.notHeld : '–';
    const windows = x.scoringWindows.map((w) => `${f.time(w.openedAt)}–${f.time(w.closedAt)}`).join(', ');
    const open = scoringMinutes(x);
    return [
      String(position.get(x.bidderId) ?? ''),
      p.bidderName(x.bidderId),
      fill(t.planned, { pitch: f.int(x.plannedPitchMinutes), qa: f.int(x.plannedQaMinutes) }),
      f.time(x.startedAt),
      measured,
      open === null ? t.notOpened : `${windows} (${f.num(open, 1)} min)`,
    ];
  });
  return [
    { kind: 'heading', level: 2, text: t.timings },
    { kind: 'table', header: t.timingsHeader, rows, align: ['center', 'left', 'center', 'center', 'left', 'left'], widths: [0.5, 2.4, 1.5, 0.9, 1.8, 2.2] },
    { kind: 'paragraph', style: 'note', text: t.timingsNote },
  ];
}

function equalBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const { f, lang } = p;
  const minutes = (n: number) => sentence(lang, n, t.minutes, { n: f.int(n) });
  const items: string[] = [];
  const started = p.timings.filter((x) => x.startedAt !== null);
  const firstStart = started.map((x) => x.startedAt!).sort()[0] ?? null;
  const frozen = p.evening.frozenAt;
  let equal = true;
  if (frozen === null) {
    items.push(t.frameNotFrozen);
    equal = false;
  } else if (firstStart !== null && Date.parse(frozen) > Date.parse(firstStart)) {
    items.push(fill(t.frameAfterStart, { frozen: f.dateTime(frozen), start: f.dateTime(firstStart) }));
    equal = false;
  } else {
    const criteria = sentence(lang, p.evening.criteria.length, t.criteria, { n: f.int(p.evening.criteria.length) });
    items.push(fill(t.frameSame, { criteria, frozen: f.dateTime(frozen), beforeFirst: firstStart !== null ? t.beforeFirst : '' }));
  }
  const plans = new Set(p.timings.map((x) => `${x.plannedPitchMinutes}+${x.plannedQaMinutes}`));
  if (plans.size <= 1 && p.timings.length > 0) {
    items.push(fill(t.plannedSame, { pitch: minutes(p.timings[0]!.plannedPitchMinutes), qa: minutes(p.timings[0]!.plannedQaMinutes) }));
  } else if (p.timings.length > 0) {
    equal = false;
    const list = p.timings.map((x) => fill(t.plannedItem, { bidder: p.bidderName(x.bidderId), pitch: f.int(x.plannedPitchMinutes), qa: f.int(x.plannedQaMinutes) }));
    items.push(fill(t.plannedDiffer, { list: p.nameList(list) }));
  }
  const tolerance = minutes(TIME_TOLERANCE_MINUTES);
  if (started.length === 0) {
    items.push(t.noneStarted);
  } else {
    const measured = started.map(measuredMinutes).filter((m): m is number => m !== null);
    const off = started.filter(deviates);
    if (off.length === 0 && measured.length > 0) {
      items.push(sentence(lang, measured.length, t.within, { tolerance, min: f.num(Math.min(...measured), 1), max: f.num(Math.max(...measured), 1) }));
    } else if (off.length > 0) {
      equal = false;
      const list = off.map((x) =>
        fill(t.deviation, {
          bidder: p.bidderName(x.bidderId),
          planned: f.int(x.plannedPitchMinutes + x.plannedQaMinutes),
          measured: f.num(measuredMinutes(x), 1),
          toEnd: x.endedBy === 'evening-ended' ? t.toEnd : '',
        }),
      );
      items.push(fill(t.deviations, { tolerance, list: p.nameList(list) }));
    }
  }
  const skipped = p.timings.filter((x) => x.skipped && x.startedAt === null);
  if (skipped.length > 0) {
    equal = false;
    items.push(fill(t.skippedList, { list: p.nameList(skipped.map((x) => p.bidderName(x.bidderId))) }));
  }
  // Not held: never started and not skipped, in an evening where at least one pitch was started in Buurtjury.
  const notHeld = started.length > 0 ? p.timings.filter((x) => !x.skipped && x.startedAt === null) : [];
  if (notHeld.length > 0) {
    equal = false;
    items.push(fill(t.notHeldList, { list: p.nameList(notHeld.map((x) => p.bidderName(x.bidderId))) }));
  }
  const open = p.timings.map((x) => ({ id: x.bidderId, m: scoringMinutes(x) })).filter((x): x is { id: string; m: number } => x.m !== null);
  if (open.length >= 2) {
    const sorted = [...open].sort((a, b) => a.m - b.m);
    const short = sorted[0]!;
    const long = sorted[sorted.length - 1]!;
    if (long.m - short.m > TIME_TOLERANCE_MINUTES) {
      items.push(fill(t.scoringRange, { short: p.bidderName(short.id), shortMin: f.num(short.m, 1), long: p.bidderName(long.id), longMin: f.num(long.m, 1) }));
    }
  }
  if (p.reopenings.length > 0) {
    equal = false;
    items.push(sentence(lang, p.reopenings.length, t.reopenedNote, { n: f.int(p.reopenings.length) }));
  }
  if (p.incidents.length > 0) items.push(sentence(lang, p.incidents.length, t.incidentsNote, { n: f.int(p.incidents.length) }));
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.equal }, { kind: 'list', items }];
  if (started.length > 0) blocks.push({ kind: 'paragraph', text: !equal ? t.conclusionUnequal : p.incidents.length > 0 ? t.conclusionEqualIncidents : t.conclusionEqual });
  return blocks;
}

function reopeningBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const { f, lang } = p;
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.reopenings }];
  if (p.reopenings.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.reopeningsNone });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', style: 'note', text: t.reopeningsIntro });
  for (const r of p.reopenings) blocks.push({ kind: 'paragraph', text: reopeningSentence(r, lang, f, p.bidderName, p.nameList) });
  return blocks;
}

/** What the document says about one reopening; exported for the property test. */
export function reopeningSentence(
  r: ReopeningEffect,
  lang: Language,
  f: Pick<ProcedureFormat, 'int' | 'time'>,
  bidderName: (id: string) => string,
  nameList: (items: string[]) => string,
): string {
  const t = PROCEDURE_TEXTS[lang];
  const bidder = bidderName(r.bidderId);
  const parts = [fill(t.reopened, { time: f.time(r.at), bidder, reason: r.reason.trim() ? fill(t.reason, { reason: r.reason.trim() }) : '' })];
  if (r.after === 0) {
    parts.push(fill(t.afterNone, { bidder }));
    return parts.join(' ');
  }
  parts.push(sentence(lang, r.after, t.after, { n: f.int(r.after), bidder }));
  if (r.replaced > 0) parts.push(sentence(lang, r.replaced, t.replaced, { n: f.int(r.replaced) }));
  const without = pluralForm(lang, r.after, t.without) + (r.replaced > 0 ? pluralForm(lang, r.replaced, t.withReplaced) : '');
  parts.push(fill(r.rankingChanges ? t.changes : t.same, { without }));
  const first = (ids: string[]) => (ids.length === 0 ? t.nobodyFirst : nameList(ids.map(bidderName)));
  const sameFirst = JSON.stringify(r.firstWith) === JSON.stringify(r.firstWithout);
  if (r.rankingChanges) parts.push(sameFirst ? fill(t.firstSame, { first: first(r.firstWith) }) : fill(t.firstChanges, { without: first(r.firstWithout), with: first(r.firstWith) }));
  if (r.meanOrderChanges === true) parts.push(pluralForm(lang, r.after, t.meanChanges));
  return parts.join(' ');
}

function declarationBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const d = p.evening.declarations;
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.declarations }];
  if (d.items.length === 0 && d.noneDeclared.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.declarationsNone });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: t.declarationsIntro });
  if (d.items.length > 0) {
    blocks.push({
      kind: 'table',
      header: t.declarationsHeader,
      rows: d.items.map((x) => [x.who, t.roles[x.role], x.interest, x.measure.trim() || t.noMeasure]),
      widths: [1.8, 1.2, 3, 3],
    });
  }
  const withItems = new Set(d.items.map((x) => x.role));
  const names: Record<DeclarantRole, string> = { network: p.network, moderator: '', venue: p.evening.venue };
  const statements = DECLARANT_ROLES.filter((r) => !withItems.has(r)).map((r) => {
    const label = names[r].trim() ? `${t.roleLabels[r]} (${names[r].trim()})` : t.roleLabels[r];
    return fill(d.noneDeclared.includes(r) ? t.roleNone : t.roleNotRecorded, { label });
  });
  // A moderator's declaration covers that moderator: about the others nothing is recorded, unless "nothing to declare" was.
  if (withItems.has('moderator') && !d.noneDeclared.includes('moderator')) statements.push(t.moderatorsOthers);
  if (statements.length > 0) blocks.push({ kind: 'list', items: statements });
  return blocks;
}

function handlingBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const { f, lang } = p;
  const items = p.evening.declarations.items.length;
  const late = p.lateBallots.reduce((n, l) => n + l.late, 0);
  const text = [p.tiesText, fill(t.presenceWhere, { chapter: p.participationChapter }), late === 0 ? t.lateNone : sentence(lang, late, t.late, { n: f.int(late), chapter: p.participationChapter })];
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.handling }];
  if (items > 0) blocks.push({ kind: 'paragraph', text: sentence(lang, items, t.measuresTaken, { n: f.int(items) }) });
  if (p.paperCards > 0 && p.evening.declarations.items.some((d) => d.role === 'moderator')) {
    blocks.push({ kind: 'paragraph', text: fill(t.moderatorCards, { chapter: p.participationChapter }) });
  }
  blocks.push(...text.map((x): DocBlock => ({ kind: 'paragraph', text: x })));
  return blocks;
}

function incidentBlocks(p: ProcedureInput): DocBlock[] {
  const t = PROCEDURE_TEXTS[p.lang];
  const { f } = p;
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.incidents }];
  if (p.incidents.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.incidentsNone });
  } else {
    const sameDay = (iso: string) => p.evening.date !== '' && f.date(iso) === f.date(p.evening.date);
    blocks.push(
      { kind: 'paragraph', style: 'note', text: t.incidentsIntro },
      {
        kind: 'table',
        header: t.incidentsHeader,
        rows: [...p.incidents].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((x) => [sameDay(x.at) ? f.time(x.at) : f.dateTime(x.at), x.what, x.effect || '–', x.measure || '–']),
        widths: [1.1, 3, 2.5, 2.5],
      },
    );
  }
  blocks.push({ kind: 'heading', level: 3, text: t.logEvents }, ...p.eventBlocks);
  if (p.organisersNote.length > 0) blocks.push({ kind: 'heading', level: 3, text: t.organisersNote }, ...p.organisersNote);
  return blocks;
}
