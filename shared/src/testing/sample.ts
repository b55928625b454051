/**
 * A generated, fictional evening with its results, for tests and benchmarks of the advisory
 * document: any number of bidders, criteria and voters, deterministic for a given seed.
 */

import type { EveningDetail } from '../api/rest';
import type { Criterion, Bidder } from '../domain/setup';
import { defaultVerbalScale } from '../logic/scale';
import { combinedDrawSeed, seedCommitment } from '../logic/lot-draw';
import { computeResults, resultsFingerprint, sealBurstCheck } from '../results/report';
import { watchJoins } from '../live/join-watch';
import { seededRandom } from '../results/prng';
import type { ResultsInput } from '../results/types';
import { buildBallotRecord, recordFingerprint, recordToResultsInput, type BallotRecord } from '../advice/record';
import { emptyAdvice } from '../advice/content';
import { pitchTimings, reopeningEffects } from '../advice/procedure-facts';
import { buildAdviceDocument, type AdviceDocumentInput } from '../advice/build';
import { mappedCriterionIds } from '../advice/award';
import { mappedCriteriaSection } from '../results/award';
import type { AdviceDocument, DocText } from '../advice/document';
import type { Language } from '../domain/setup';

const BIDDER_NAMES = ['Stichting Welzijn Oost', 'Buurtkracht BV', 'Samen in de Wijk', 'De Verbinders', 'WijkWerk Coöperatie', 'Huis van de Buurt', 'Netwerk Noord', 'Sociaal Collectief', 'Bureau Nabij', 'Buurtalliantie'];
const CRITERION_NAMES = ['Kennis van de wijk', 'Betrokkenheid van bewoners', 'Kwaliteit van het plan', 'Haalbaarheid', 'Samenwerking met partners', 'Bereik van kwetsbare groepen', 'Continuïteit', 'Prijs-kwaliteit'];

export interface SampleOptions {
  bidders: number;
  criteria: number;
  voters: number;
  resamples?: number;
  seed?: string;
}

export interface Sample {
  input: AdviceDocumentInput;
  resultsInput: ResultsInput;
  record: BallotRecord;
}

function uuid(prefix: number, n: number): string {
  return `${String(prefix).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Weights that add up to 100, the first ones a little heavier. */
function weights(n: number): number[] {
  const base = Math.floor(100 / n);
  const out = Array.from({ length: n }, () => base);
  for (let i = 0; i < 100 - base * n; i++) out[i]! += 1;
  return out;
}

export function sampleEvening(options: SampleOptions): Sample {
  const generator = seededRandom(options.seed ?? 'sample');
  const random = (): number => generator.nextUint32() / 2 ** 32;
  const scale = defaultVerbalScale('nl');
  const w = weights(options.criteria);
  const bidders: Bidder[] = Array.from({ length: options.bidders }, (_, i) => ({
    id: uuid(1, i + 1),
    position: i + 1,
    name: BIDDER_NAMES[i % BIDDER_NAMES.length]! + (i >= BIDDER_NAMES.length ? ` ${Math.floor(i / BIDDER_NAMES.length) + 1}` : ''),
    contactPerson: '',
    pitchTitle: `Plan ${i + 1} voor de wijk`,
    pitchSummary: '',
    pitchMinutes: 10,
    qaMinutes: 5,
  }));
  const criteria: Criterion[] = Array.from({ length: options.criteria }, (_, i) => ({
    id: uuid(2, i + 1),
    position: i + 1,
    name: CRITERION_NAMES[i % CRITERION_NAMES.length]! + (i >= CRITERION_NAMES.length ? ` ${i + 1}` : ''),
    explanation: 'Hoe goed past het plan bij wat de wijk nodig heeft?',
    weight: w[i]!,
    awardCriterion: i < 2 ? 'Kwaliteit (gunningscriterium 1)' : '',
    levelDescriptors: {},
  }));
  const fingerprint = 'a3f1c2d4e5b697881234567890abcdef1234567890abcdef1234567890abcdef'.slice(0, 64);
  const evening: EveningDetail = {
    id: uuid(3, 1),
    title: 'Idols-avond Wijkaanpak',
    joinCode: 'ABCD2345',
    rules: { accessMode: 'open', presenceRule: true, presenceGraceMinutes: 5 },
    declarations: {
      items: [{ who: 'Buurthuis De Kruiskamp', role: 'venue', interest: 'Wordt beheerd door een van de inschrijvers.', measure: 'De beheerder was tijdens de pitches en het stemmen niet in de zaal.' }],
      noneDeclared: ['network'],
    },
    language: 'nl',
    venue: 'Buurthuis De Kruiskamp',
    date: '2026-11-12',
    startTime: '19:30',
    tender: {
      municipality: 'Gemeente Amersfoort',
      name: 'Coördinatie wijkaanpak 2027–2030',
      reference: 'AMF-2026-017',
      subject: 'De gemeente zoekt een organisatie die het wijkprogramma coördineert.',
      committee: 'Adviescommissie wijkaanpak',
      adviceDeadline: '2026-12-01',
    },
    award: {
      criteria: [
        { name: 'Kwaliteit (gunningscriterium 1)', weight: 60, description: 'Plan van aanpak en aansluiting bij de wijk.' },
        { name: 'Prijs (gunningscriterium 2)', weight: 40, description: '' },
      ],
      publishedIn: 'Aanbestedingsleidraad AMF-2026-017, § 4.2',
      eveningAnnounced: 'yes',
      announcedWhere: 'Aanbestedingsleidraad AMF-2026-017, § 3.5',
    },
    scale,
    bidders,
    criteria,
    orderMethod: 'lot',
    draws: [
      {
        id: uuid(4, 1),
        sequence: 1,
        seed: combinedDrawSeed('dobbelstenen 3-5-1-6', ['7319']),
        algorithm: 'sha256-sort-v1',
        input: bidders.map((b) => b.name),
        result: bidders.map((b) => b.name),
        drawnAt: '2026-11-01T18:00:00.000Z',
        drawnBy: 'Anna',
        commitReveal: {
          scheme: 'sha256-commit-reveal-v1',
          hash: seedCommitment('dobbelstenen 3-5-1-6'),
          committedAt: '2026-10-28T09:00:00.000Z',
          committedBy: 'Anna',
          revealedSeed: 'dobbelstenen 3-5-1-6',
          contributions: [{ text: '7319', by: bidders[0]!.name, addedAt: '2026-10-30T12:00:00.000Z', enteredBy: 'Anna' }],
        },
      },
    ],
    drawCommitment: null,
    status: 'frozen',
    frozenAt: '2026-11-02T09:00:00.000Z',
    frozenBy: 'Anna',
    fingerprint,
    sealedAt: '2026-11-20T10:15:00.000Z',
    frameFingerprint: '7c0e5b1d9a2f48366e1c3b5a7d9f0e2c4b6a8d0f1e3c5a7b9d2f4e6a8c0b1d3f',
    createdAt: '2026-10-20T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
  };

  const quality = bidders.map(() => 2.2 + random() * 2.4);
  const start = Date.parse('2026-11-12T18:30:00.000Z');
  const ballots: ResultsInput['ballots'] = [];
  // With two voters or more, the last one scored on paper cards (typed in by two moderators), one card
  // per bidder, so the sample has a paper card per bidder and the remark quoted from one is true.
  const paperVoter = options.voters >= 2 ? options.voters - 1 : -1;
  for (let v = 0; v < options.voters; v++) {
    const voter = `V${String(v + 1).padStart(Math.max(4, String(options.voters).length), '0')}`;
    const bias = (random() - 0.5) * 1.2;
    bidders.forEach((b, bi) => {
      const grades: Record<string, number> = {};
      for (const c of criteria) grades[c.id] = Math.min(5, Math.max(1, Math.round(quality[bi]! + bias + (random() - 0.5) * 2.2)));
      ballots.push({
        // A paper card holds one pitch's grades: each card is a voter of its own.
        voter: v === paperVoter ? `K${String(bi + 1).padStart(3, '0')}` : voter,
        bidderId: b.id,
        grades,
        submittedAt: start + bi * 20 * 60_000 + 12 * 60_000 + Math.floor(random() * 180_000),
        ...(v === paperVoter ? { channel: 'paper' as const } : {}),
      });
    });
  }
  const ties = options.voters > 3 ? [{ voter: 'V0003', bidderId: bidders[0]!.id }] : [];
  const resultsInput: ResultsInput = {
    bidders: bidders.map((b) => ({ id: b.id, name: b.name, position: b.position })),
    criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    scale: { kind: scale.kind, levels: scale.levels.map((l) => ({ value: l.value, label: l.label })) },
    ballots,
    ties,
    options: { seed: fingerprint, ...(options.resamples ? { bootstrapResamples: options.resamples } : {}) },
  };
  const record = buildBallotRecord(sealBurstCheck(resultsInput), { municipality: evening.tender.municipality, tender: evening.tender.name, setupFingerprint: fingerprint });
  const report = computeResults(recordToResultsInput(record));

  const advice = emptyAdvice(bidders.map((b) => b.id));
  advice.summary = 'De bewoners adviseren de commissie om de inschrijver met het hoogste meerderheidsoordeel te kiezen.\n\nZij vragen daarbij aandacht voor de zorgen die in hoofdstuk 10 staan.';
  advice.recommendation = 'Gun de opdracht aan de nummer één van de rangorde, onder de voorwaarden die de bewoners noemen.';
  advice.bidders[0]!.strengths = 'Kent de wijk door en door.';
  advice.bidders[0]!.concerns = 'Weinig aandacht voor jongeren.';
  const withPaper = paperVoter >= 0;
  advice.bidders[0]!.quoteIds = withPaper ? ['q1', 'q2', 'p1'] : ['q1', 'q2'];
  const quotes: Record<string, string> = { q1: 'Ze weten echt wat er speelt in de buurt.', q2: 'Mail me op [e-mailadres] als jullie vragen hebben.' };
  if (withPaper) quotes.p1 = 'Goed plan, maar wie betaalt het onderhoud?';
  // Remarks from counted assessments: the quoted ones and others, by phone and (with a paper voter) on a paper card.
  const remarks: AdviceDocumentInput['remarks'] = [
    { id: 'q1', bidderId: bidders[0]!.id, channel: 'phone' },
    { id: 'q2', bidderId: bidders[0]!.id, channel: 'phone' },
    ...(withPaper ? [{ id: 'p1', bidderId: bidders[0]!.id, channel: 'paper' as const }] : []),
    { id: 'q3', bidderId: bidders[0]!.id, channel: 'phone' },
    ...(bidders[1] ? [{ id: 'q4', bidderId: bidders[1].id, channel: 'phone' as const }] : []),
  ];

  const input: AdviceDocumentInput = {
    evening,
    network: 'Bewonersnetwerk Amersfoort',
    conduct: {
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + bidders.length * 20 * 60_000 + 10 * 60_000).toISOString(),
      attendees: options.voters + 2,
      rules: { accessMode: 'open', presenceRule: true, presenceGraceMinutes: 5 },
      paper: Object.fromEntries(bidders.map((b) => [b.id, ballots.filter((x) => x.bidderId === b.id && x.channel === 'paper').length]).filter(([, n]) => n !== 0)),
      pitches: bidders.map((b, i) => ({
        bidderId: b.id,
        status: 'done',
        startedAt: new Date(start + i * 20 * 60_000).toISOString(),
        scoringOpenedAt: new Date(start + i * 20 * 60_000 + 12 * 60_000).toISOString(),
        scoringClosedAt: new Date(start + i * 20 * 60_000 + 16 * 60_000).toISOString(),
      })),
      events: [{ at: new Date(start + 30 * 60_000).toISOString(), type: 'scoring-reopened', bidderId: bidders[0]!.id, reason: 'Te vroeg gesloten: de microfoon viel uit' }],
      paperEntry: withPaper
        ? {
            closedAt: new Date(start + bidders.length * 20 * 60_000 + 10 * 60_000).toISOString(),
            counted: bidders.length,
            firstEnteredAt: new Date(start + 14 * 60_000).toISOString(),
            lastCompletedAt: new Date(start + bidders.length * 20 * 60_000 + 5 * 60_000).toISOString(),
            late: [],
            oneEntry: 0,
            disagreed: 0,
            accounts: ['Anna de Vries', 'Bram Jansen'],
          }
        : { closedAt: null, counted: 0, firstEnteredAt: null, lastCompletedAt: null, late: [], oneEntry: 0, disagreed: 0, accounts: [] },
      lateBallots: [],
      timings: pitchTimings(bidders, [
        ...bidders.flatMap((b, i) => [
          { type: 'pitch-started', at: start + i * 20 * 60_000, bidderId: b.id },
          { type: 'scoring-opened', at: start + i * 20 * 60_000 + 12 * 60_000, bidderId: b.id },
          { type: 'scoring-closed', at: start + i * 20 * 60_000 + 16 * 60_000, bidderId: b.id },
        ]),
        { type: 'scoring-reopened', at: start + 30 * 60_000, bidderId: bidders[0]!.id },
        { type: 'scoring-closed', at: start + 33 * 60_000, bidderId: bidders[0]!.id },
        { type: 'evening-ended', at: start + bidders.length * 20 * 60_000 + 10 * 60_000, bidderId: null },
      ]),
      reopenings: reopeningEffects(
        { ...resultsInput, options: { seed: fingerprint } },
        ballots.map((b) => ({ voter: b.voter, bidderId: b.bidderId, grades: b.grades, submittedAt: b.submittedAt ?? null, channel: b.channel ?? ('phone' as const) })),
        [{ at: new Date(start + 30 * 60_000).toISOString(), bidderId: bidders[0]!.id, reason: 'Te vroeg gesloten: de microfoon viel uit' }],
      ),
      joins: watchJoins(
        Array.from({ length: options.voters + 2 }, (_, i) => ({ at: start - 30 * 60_000 + i * 20_000, address: i % 5 === 0 ? 'a1b2c3d4' : 'e5f6a7b8' })),
        { expected: options.voters + 10, open: true, now: start + bidders.length * 20 * 60_000 },
      ),
    },
    results: report,
    mappedOnly: mappedCriteriaSection(recordToResultsInput(record), mappedCriterionIds(evening)),
    resultsSha256: resultsFingerprint(report),
    recordSha256: recordFingerprint(record),
    advice,
    quotes,
    version: { number: 1, issuedAt: '2026-11-20T10:15:00.000Z', issuedBy: 'Anna de Vries', note: '' },
    generatedAt: '2026-11-20T10:15:00.000Z',
    seal: {
      frameFingerprint: '7c0e5b1d9a2f48366e1c3b5a7d9f0e2c4b6a8d0f1e3c5a7b9d2f4e6a8c0b1d3f',
      auditHead: { sequence: options.voters * bidders.length + 3 * bidders.length + 4, hash: '5d41402abc4b2a76b9719d911017c592ae2f3c1b0e9d8c7b6a5f4e3d2c1b0a99' },
      committeeUrl: 'https://buurtjury.example.nl/c/Vb3kR9xQw2LmN8pZt5YcA7dE1fGh4JsK6uW0oIq-_Xy',
    },
    retentionDays: 90,
    software: '0.1.0',
    incidents: [
      {
        id: 'i1',
        at: new Date(start + 29 * 60_000).toISOString(),
        what: 'De microfoon viel twee minuten uit tijdens de vragen aan de eerste inschrijver.',
        effect: 'Het stemmen werd te vroeg gesloten.',
        measure: 'Het stemmen is heropend; de inschrijver kreeg twee minuten extra voor vragen.',
        recordedBy: 'Anna de Vries',
        recordedAt: '2026-11-12T21:00:00.000Z',
        updatedAt: '2026-11-12T21:00:00.000Z',
      },
    ],
    authorship: {
      name: 'Anna de Vries',
      role: 'voorzitter',
      addressee: 'Adviescommissie Wijkaanpak, t.a.v. de voorzitter',
      reference: evening.tender.reference || 'BA-2026-01',
      subject: `Bewonersadvies ${evening.tender.name}`,
      replyEmail: 'advies@bewonersnetwerk.example.nl',
      replyAddress: 'Postbus 100, 3800 AA Amersfoort',
    },
    remarks,
  };
  return { input, resultsInput, record };
}

/**
 * The advisory document of a seeded sample evening, drawn by the real builder: what the renderers'
 * tests render (6 bidders, 5 criteria, 120 voters unless told otherwise; issued as version 1, or a
 * draft).
 */
export function sampleAdviceDocument(lang: Language, options: Partial<SampleOptions> & { draft?: boolean } = {}): AdviceDocument {
  const { input } = sampleEvening({ bidders: 6, criteria: 5, voters: 120, seed: 'render', ...options });
  return buildAdviceDocument(options.draft ? { ...input, version: null, authorship: null } : input, lang);
}

const plainText = (t: DocText): string => (typeof t === 'string' ? t : t.map((r) => r.text).join(''));

/** Things in a built document that the renderers' tests look for in the PDF and DOCX. */
export interface DocumentLandmarks {
  /** Level-2 headings in all, and the first and last with their numbers ("7.1"). */
  subsections: number;
  firstSubsection: { number: string; title: string };
  lastSubsection: { number: string; title: string };
  appendices: { number: number; title: string };
  /** The first row of the overall ranking table, cell by cell. */
  rankingRow: string[];
  bidders: string[];
  /** The frame's fingerprint as the title page prints it. */
  fingerprint: string;
  quote: { text: string; source: string };
  meritNote: string;
  intervalTick: string;
  /** The interval chart's first row. */
  intervalRow: { value: number; low: number; high: number };
}

export function documentLandmarks(doc: AdviceDocument): DocumentLandmarks {
  const numbered = doc.sections.flatMap((s) =>
    s.blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b, i) => ({ number: `${s.number}.${i + 1}`, title: (b as { text: string }).text })),
  );
  const section = (id: string) => {
    const s = doc.sections.find((x) => x.id === id);
    if (!s) throw new Error(`no section ${id}`);
    return s;
  };
  const blocks = doc.sections.flatMap((s) => s.blocks);
  const ranking = section('overall').blocks.find((b) => b.kind === 'table');
  const quote = blocks.find((b) => b.kind === 'quote');
  const merit = blocks.find((b) => b.kind === 'merit-chart');
  const interval = blocks.find((b) => b.kind === 'interval-chart');
  const fingerprint = doc.titleFacts.map((f) => f.value).find((v) => typeof v !== 'string' && v.some((r) => r.mono));
  if (!ranking || ranking.kind !== 'table' || !quote || quote.kind !== 'quote' || !merit || merit.kind !== 'merit-chart' || !interval || interval.kind !== 'interval-chart' || !fingerprint) {
    throw new Error('the sample document lacks a ranking, quote, chart or fingerprint');
  }
  const appendices = section('appendices');
  return {
    subsections: numbered.length,
    firstSubsection: numbered[0]!,
    lastSubsection: numbered[numbered.length - 1]!,
    appendices: { number: appendices.number, title: appendices.title },
    rankingRow: ranking.rows[0]!.map(plainText),
    bidders: ranking.rows.map((r) => plainText(r[1]!)),
    fingerprint: plainText(fingerprint),
    quote: { text: quote.text, source: quote.source ?? '' },
    meritNote: merit.rows[0]!.note ?? '',
    intervalTick: interval.ticks[interval.ticks.length - 1]!.label,
    intervalRow: { value: interval.rows[0]!.value ?? NaN, low: interval.rows[0]!.low ?? NaN, high: interval.rows[0]!.high ?? NaN },
  };
}
