/**
 * A realistic advisory document for the renderers' tests and for looking at the output: eight
 * bidders, eight criteria, a merit chart per criterion, the weighted means with their intervals,
 * wide tables with Dutch decimal commas, quotes and a fingerprint. Modelled on a Dutch advisory
 * report; the builder's real output replaces it later, so nothing in the renderers may depend on
 * what is in here.
 */

import type { AdviceDocument, DocBlock, DocSection, DocText, Language } from '@buurtjury/shared';

/** The fingerprint of the frozen setup that the fixture quotes (64 hex digits). */
export const FIXTURE_FINGERPRINT = 'ee62b3b8551f2cf5f4f245fc4e5e38485e6284d6e9945e497bc349bfdc8c5263';

export const FIXTURE_BIDDERS = [
  'Groenkracht Buitenruimte B.V.',
  'Stichting Wijkwerk Eemland',
  'Bouwcombinatie De Kei',
  'Coöperatie Samen Soesterkwartier',
  'Van Dijk Infra & Groen',
  'Atelier Publieke Ruimte',
  'Combinatie Straatwerk Midden',
  'Buurtbedrijf De Kwekerij',
] as const;

const CRITERIA: { nl: string; en: string; weight: number; nlText: string; enText: string }[] = [
  { nl: 'Betrokkenheid bewoners', en: 'Resident involvement', weight: 20, nlText: 'Hoe bewoners meedenken en meebeslissen, ook na de gunning.', enText: 'How residents take part in decisions, also after the award.' },
  { nl: 'Kwaliteit buitenruimte', en: 'Quality of public space', weight: 15, nlText: 'Ontwerp, materialen en samenhang met de wijk.', enText: 'Design, materials and coherence with the neighbourhood.' },
  { nl: 'Groen en klimaatadaptatie', en: 'Green space and climate adaptation', weight: 15, nlText: 'Meer groen, minder verharding, opvang van regenwater.', enText: 'More green, less paving, rainwater retention.' },
  { nl: 'Verkeersveiligheid', en: 'Road safety', weight: 10, nlText: 'Veilige routes voor kinderen, ouderen en fietsers.', enText: 'Safe routes for children, older people and cyclists.' },
  { nl: 'Uitvoerbaarheid en planning', en: 'Feasibility and planning', weight: 10, nlText: 'Realistische planning en beperking van overlast tijdens de werkzaamheden.', enText: 'A realistic schedule and limited nuisance during the works.' },
  { nl: 'Sociale veiligheid', en: 'Social safety', weight: 10, nlText: 'Verlichting, zichtlijnen en ontmoetingsplekken.', enText: 'Lighting, sight lines and meeting places.' },
  { nl: 'Duurzaamheid materialen', en: 'Sustainable materials', weight: 10, nlText: 'Hergebruik, herkomst en levensduur van materialen.', enText: 'Reuse, origin and service life of materials.' },
  { nl: 'Onderhoud en beheer', en: 'Maintenance and management', weight: 10, nlText: 'Beheerplan en de rol van bewoners bij het onderhoud.', enText: 'Management plan and the role of residents in maintenance.' },
];

const LEVELS = [
  { value: 5, nl: 'Uitstekend', en: 'Excellent' },
  { value: 4, nl: 'Goed', en: 'Good' },
  { value: 3, nl: 'Voldoende', en: 'Sufficient' },
  { value: 2, nl: 'Matig', en: 'Poor' },
  { value: 1, nl: 'Onvoldoende', en: 'Insufficient' },
];

/** Target mean per bidder (before the per-criterion offsets). */
const QUALITY = [3.62, 3.5, 3.42, 3.3, 3.12, 2.98, 2.74, 2.55];

/** Deterministic pseudo-random numbers, so the fixture is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Counts per level (best first) for a target mean, spread like a discretised normal. */
function countsFor(mean: number, total: number): number[] {
  const w = LEVELS.map((l) => Math.exp(-((l.value - mean) ** 2) / (2 * 0.95 ** 2)));
  const sum = w.reduce((a, b) => a + b, 0);
  const counts = w.map((x) => Math.floor((x / sum) * total));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  // Hand out the rounding rest to the levels closest to the mean.
  const order = LEVELS.map((l, i) => ({ i, d: Math.abs(l.value - mean) })).sort((a, b) => a.d - b.d);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k].i]++;
  return counts;
}

interface Cell {
  counts: number[];
  total: number;
  mean: number | null;
  median: number | null;
}

function cell(counts: number[]): Cell {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return { counts, total, mean: null, median: null };
  const mean = counts.reduce((a, c, i) => a + c * LEVELS[i].value, 0) / total;
  // Median grade: walk from the worst grade up to half of the ballots.
  let seen = 0;
  let median = LEVELS[0].value;
  for (let i = LEVELS.length - 1; i >= 0; i--) {
    seen += counts[i];
    if (seen >= total / 2) {
      median = LEVELS[i].value;
      break;
    }
  }
  return { counts, total, mean, median };
}

/** results[bidder][criterion] */
function buildResults(): Cell[][] {
  const rnd = lcg(20261112);
  return FIXTURE_BIDDERS.map((_, b) =>
    CRITERIA.map((_c, c) => {
      // Buurtbedrijf De Kwekerij did not present a maintenance plan: nobody scored it.
      if (b === 7 && c === 7) return cell([0, 0, 0, 0, 0]);
      // A fixed cell the tests look for: 342 / 100 = 3,42.
      if (b === 2 && c === 0) return cell([15, 36, 30, 14, 5]);
      const total = 96 + Math.floor(rnd() * 17);
      return cell(countsFor(QUALITY[b] + (rnd() - 0.5) * 0.9, total));
    }),
  );
}

function nlNumber(x: number, digits = 2): string {
  return x.toFixed(digits).replace('.', ',');
}

export function fixtureDocument(lang: Language = 'nl'): AdviceDocument {
  const nl = lang === 'nl';
  const L = (nlText: string, enText: string): string => (nl ? nlText : enText);
  const num = (x: number | null, digits = 2): string => (x === null ? '–' : nl ? nlNumber(x, digits) : x.toFixed(digits));
  const pct = (part: number, total: number): string => (total === 0 ? '–' : `${Math.round((100 * part) / total)}%`);
  const levelName = (value: number | null): string => (value === null ? '–' : (LEVELS.find((l) => l.value === value)?.[lang] ?? '–'));
  const crit = CRITERIA.map((c) => (nl ? c.nl : c.en));
  const results = buildResults();
  const weightSum = CRITERIA.reduce((a, c) => a + c.weight, 0);

  // Weighted mean per bidder over the criteria that have scores.
  const overall = FIXTURE_BIDDERS.map((name, b) => {
    let w = 0;
    let s = 0;
    let ballots = 0;
    let goodOrBetter = 0;
    let scored = 0;
    results[b].forEach((r, c) => {
      if (r.mean === null) return;
      w += CRITERIA[c].weight;
      s += CRITERIA[c].weight * r.mean;
      ballots += r.total;
      goodOrBetter += r.counts[0] + r.counts[1];
      scored += r.total;
    });
    const mean = b === 2 ? 3.42 : s / w; // Kept at 3,42 for the tests, close to the computed value.
    const half = 0.11 + 0.012 * b;
    return { name, b, mean, low: mean - half, high: mean + half * 0.95, ballots, goodShare: goodOrBetter / scored, median: cell(results[b].reduce((acc, r) => acc.map((x, i) => x + r.counts[i]), [0, 0, 0, 0, 0])).median };
  });
  const ranking = [...overall].sort((a, b) => b.mean - a.mean);
  const gradings = results.flat().reduce((a, r) => a + r.total, 0);
  const perCell = Math.round(gradings / results.flat().length);
  const best = ranking[0];

  const meritLevels = LEVELS.map((l) => ({ value: l.value, label: nl ? l.nl : l.en }));
  const fingerprintRun: DocText = [{ text: FIXTURE_FINGERPRINT, mono: true }];

  const sections: DocSection[] = [];
  const section = (id: string, title: string, blocks: DocBlock[], newPage?: boolean): void => {
    sections.push({ id, number: sections.length + 1, title, blocks, ...(newPage ? { newPage } : {}) });
  };

  // 1 Samenvatting en advies
  section('summary', L('Samenvatting en advies', 'Summary and advice'), [
    {
      kind: 'paragraph',
      text: L(
        'Op 12 november 2026 hebben 118 bewoners van het Soesterkwartier in wijkcentrum De Kwekerij de pitches van acht inschrijvers op de aanbesteding Herinrichting openbare ruimte Soesterkwartier beoordeeld. Zij gaven per inschrijver een oordeel op acht criteria, op een schaal van Onvoldoende tot Uitstekend. Dit document vat die oordelen samen en geeft de aanbestedingscommissie een advies.',
        'On 12 November 2026, 118 residents of the Soesterkwartier judged the pitches of eight bidders for the tender Redesign of the public space in the Soesterkwartier at the De Kwekerij community centre. They graded every bidder on eight criteria, on a scale from Insufficient to Excellent. This document summarises those grades and advises the tender committee.',
      ),
    },
    { kind: 'heading', level: 2, text: L('Advies', 'Advice') },
    {
      kind: 'paragraph',
      text: [
        { text: L('Advies: ', 'Advice: '), bold: true },
        {
          text: L(
            `de Buurtjury geeft de voorkeur aan ${best.name} (gewogen gemiddelde ${num(best.mean)}). Het verschil met de nummer twee is klein en valt binnen de onzekerheidsmarge; de nummers één tot en met drie liggen dicht bij elkaar.`,
            `the Buurtjury prefers ${best.name} (weighted mean ${num(best.mean)}). The difference with the runner-up is small and within the margin of uncertainty; the first three are close together.`,
          ),
        },
      ],
    },
    {
      kind: 'facts',
      rows: [
        { label: L('Eerste voorkeur', 'First preference'), value: [{ text: ranking[0].name, bold: true }] },
        { label: L('Tweede voorkeur', 'Second preference'), value: ranking[1].name },
        { label: L('Derde voorkeur', 'Third preference'), value: ranking[2].name },
        { label: L('Deelnemers', 'Participants'), value: L(`118 bewoners; gemiddeld ${perCell} oordelen per inschrijver en criterium`, `118 residents; on average ${perCell} grades per bidder and criterion`) },
        { label: L('Betrouwbaarheid', 'Reliability'), value: L('Rangorde van de top drie gevoelig voor de gewichten; zie hoofdstuk 9', 'Order of the top three sensitive to the weights; see chapter 9') },
      ],
    },
    { kind: 'heading', level: 2, text: L('De uitkomst in getallen', 'The outcome in numbers') },
    {
      kind: 'list',
      items: [
        L(`${ranking[0].name} scoort het hoogst op Betrokkenheid bewoners en Groen en klimaatadaptatie.`, `${ranking[0].name} scores highest on Resident involvement and Green space and climate adaptation.`),
        [{ text: 'Bouwcombinatie De Kei', bold: true }, { text: L(' behaalt een gewogen gemiddelde van 3,42 en is het sterkst op planning.', ' reaches a weighted mean of 3.42 and is strongest on planning.') }],
        L('Twee inschrijvers blijven op meer dan de helft van de criteria onder Voldoende.', 'Two bidders stay below Sufficient on more than half of the criteria.'),
        L('Buurtbedrijf De Kwekerij presenteerde geen beheerplan; op dat criterium is niet gescoord.', 'Buurtbedrijf De Kwekerij presented no maintenance plan; that criterion was not scored.'),
      ],
    },
    { kind: 'heading', level: 2, text: L('Minderheidsstandpunt', 'Minority view') },
    {
      kind: 'quote',
      text: L(
        'Een deel van de bewoners aan de Kwekerijweg vindt dat de plannen te weinig doen aan het parkeren; zij vragen de commissie dit mee te wegen, ook al stond het niet als criterium op het formulier.',
        'Some residents of the Kwekerijweg feel the plans do too little about parking; they ask the committee to take this into account, even though it was not a criterion on the form.',
      ),
      source: L('Organisatie Buurtjury, namens de groep Kwekerijweg', 'Buurtjury organisers, on behalf of the Kwekerijweg group'),
    },
  ]);

  // 2 Status van het advies
  section('status', L('Status van het advies', 'Status of the advice'), [
    {
      kind: 'paragraph',
      text: L(
        'Dit advies is niet bindend. Het is een zwaarwegend advies van bewoners aan de aanbestedingscommissie van de gemeente Amersfoort, die de gunning voorbereidt. De commissie beslist zelf en legt uit hoe zij het advies heeft meegewogen (zie hoofdstuk 13).',
        'This advice is not binding. It is a weighty advice from residents to the tender committee of the municipality of Amersfoort, which prepares the award. The committee decides for itself and explains how it weighed the advice (see chapter 13).',
      ),
    },
    {
      kind: 'paragraph',
      text: [
        { text: L('Concept. ', 'Draft. '), bold: true },
        { text: L('Dit is een conceptversie; de cijfers kunnen nog wijzigen tot het advies is vastgesteld.', 'This is a draft; the figures may still change until the advice is issued.'), italic: true },
      ],
    },
    {
      kind: 'facts',
      rows: [
        { label: L('Versie', 'Version'), value: L('2 (concept, vervangt versie 1 van 14 november 2026)', '2 (draft, replaces version 1 of 14 November 2026)') },
        { label: L('Opgesteld op', 'Generated on'), value: L('21 november 2026, 10:42', '21 November 2026, 10:42') },
        { label: L('Vingerafdruk opzet', 'Setup fingerprint'), value: fingerprintRun },
        { label: L('Vingerafdruk uitslag', 'Results fingerprint'), value: [{ text: '4b9d0c1e7f2a36b58c94d1e0a7f3b2c6d5e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2', mono: true }] },
      ],
    },
    { kind: 'paragraph', style: 'note', text: L('Met de vingerafdrukken kan iedereen controleren dat opzet en uitslag na de avond niet zijn veranderd.', 'With the fingerprints anyone can check that the setup and the results did not change after the evening.') },
  ]);

  // 3 Aanleiding en opdracht
  section('background', L('Aanleiding en opdracht', 'Background and assignment'), [
    {
      kind: 'paragraph',
      text: L(
        'De gemeente Amersfoort besteedt de herinrichting van de openbare ruimte in het Soesterkwartier aan (kenmerk AMF-2026-0147). In het wijkakkoord van 2025 is afgesproken dat bewoners een formele adviesrol krijgen bij de keuze van de uitvoerende partij.',
        'The municipality of Amersfoort is tendering the redesign of the public space in the Soesterkwartier (reference AMF-2026-0147). The 2025 neighbourhood agreement gives residents a formal advisory role in choosing the contractor.',
      ),
    },
    {
      kind: 'facts',
      rows: [
        { label: L('Opdrachtgever', 'Client'), value: L('Gemeente Amersfoort, afdeling Stedelijke Ontwikkeling', 'Municipality of Amersfoort, Urban Development') },
        { label: L('Aanbesteding', 'Tender'), value: L('Herinrichting openbare ruimte Soesterkwartier', 'Redesign of the public space in the Soesterkwartier') },
        { label: L('Kenmerk', 'Reference'), value: [{ text: 'AMF-2026-0147', mono: true }] },
        { label: L('Procedure', 'Procedure'), value: L('Niet-openbare procedure met voorselectie; acht inschrijvers toegelaten', 'Restricted procedure with preselection; eight bidders admitted') },
        { label: L('Commissie', 'Committee'), value: L('Aanbestedingscommissie Soesterkwartier (vijf leden)', 'Soesterkwartier tender committee (five members)') },
      ],
    },
    { kind: 'heading', level: 2, text: L('Vraag van de commissie', 'Question of the committee') },
    {
      kind: 'paragraph',
      text: L(
        'De commissie vroeg de Buurtjury om per inschrijver te laten zien hoe bewoners de plannen beoordelen op de criteria die voor de wijk zwaar wegen, en om een voorkeur uit te spreken.',
        'The committee asked the Buurtjury to show per bidder how residents judge the plans on the criteria that matter most to the neighbourhood, and to state a preference.',
      ),
    },
    { kind: 'heading', level: 2, text: L('Rol van de Buurtjury', 'Role of the Buurtjury') },
    {
      kind: 'list',
      ordered: true,
      items: [
        L('De Buurtjury stelt samen met de gemeente de criteria en gewichten vast, vóór de inschrijvers bekend zijn.', 'The Buurtjury sets the criteria and weights with the municipality, before the bidders are known.'),
        L('Bewoners beoordelen de pitches anoniem op hun telefoon.', 'Residents grade the pitches anonymously on their phones.'),
        L('De organisatie stelt dit advies op, zonder de oordelen te wijzigen.', 'The organisers write this advice, without changing the grades.'),
        L('De commissie ontvangt het advies vóór haar gunningsvergadering.', 'The committee receives the advice before its award meeting.'),
      ],
    },
  ]);

  // 4 Beoordelingskader
  section('framework', L('Beoordelingskader', 'Assessment framework'), [
    { kind: 'paragraph', text: L('Het beoordelingskader is op 3 november 2026 vastgezet. Daarna kon niemand de criteria, gewichten of schaal nog wijzigen.', 'The framework was frozen on 3 November 2026. After that nobody could change the criteria, weights or scale.') },
    { kind: 'heading', level: 2, text: L('Criteria en gewichten', 'Criteria and weights') },
    {
      kind: 'table',
      header: ['#', L('Criterium', 'Criterion'), L('Gewicht', 'Weight'), L('Omschrijving', 'Description')],
      rows: CRITERIA.map((c, i) => [String(i + 1), [{ text: crit[i], bold: true }], `${c.weight}%`, nl ? c.nlText : c.enText]),
      align: ['right', 'left', 'right', 'left'],
      widths: [0.5, 3, 1.2, 6],
      caption: L(`Gewichten tellen op tot ${weightSum}%.`, `Weights add up to ${weightSum}%.`),
    },
    { kind: 'heading', level: 2, text: L('Beoordelingsschaal', 'Grading scale') },
    { kind: 'paragraph', text: L('Alle criteria gebruiken dezelfde verbale schaal met vijf oordelen. Voor het gemiddelde telt Uitstekend als 5 en Onvoldoende als 1.', 'All criteria use the same verbal scale with five grades. For the mean, Excellent counts as 5 and Insufficient as 1.') },
    {
      kind: 'table',
      header: [L('Oordeel', 'Grade'), L('Waarde', 'Value'), L('Wanneer', 'When')],
      rows: LEVELS.map((l, i) => [
        l[lang],
        String(l.value),
        [
          L('Het plan overtreft wat de wijk vraagt en is overtuigend onderbouwd.', 'The plan exceeds what the neighbourhood asks and is convincingly argued.'),
          L('Het plan past goed bij de wijk, met kleine kanttekeningen.', 'The plan fits the neighbourhood well, with minor reservations.'),
          L('Het plan voldoet aan de uitvraag, zonder meerwaarde.', 'The plan meets the request, without added value.'),
          L('Het plan schiet op onderdelen tekort.', 'The plan falls short in parts.'),
          L('Het plan voldoet niet of ontbreekt.', 'The plan does not meet the request or is missing.'),
        ][i],
      ]),
      align: ['left', 'center', 'left'],
      widths: [2, 1, 7],
    },
    { kind: 'heading', level: 3, text: L('Toelichting per criterium', 'Notes per criterion') },
    { kind: 'paragraph', text: [{ text: crit[2], bold: true }] },
    {
      kind: 'list',
      items: [
        L('Uitstekend: minstens 30% minder verharding en een sluitend plan voor waterberging.', 'Excellent: at least 30% less paving and a complete plan for water storage.'),
        L('Voldoende: het groen blijft gelijk en wateroverlast neemt niet toe.', 'Sufficient: green space stays the same and flooding does not increase.'),
      ],
    },
    { kind: 'heading', level: 2, text: L('Vastgezette opzet', 'Frozen setup') },
    { kind: 'facts', rows: [{ label: L('Vingerafdruk', 'Fingerprint'), value: fingerprintRun }] },
    { kind: 'paragraph', style: 'note', text: L('SHA-256 over de canonieke JSON van criteria, gewichten, schaal en inschrijvers.', 'SHA-256 over the canonical JSON of criteria, weights, scale and bidders.') },
  ]);

  // 5 Werkwijze en verloop
  const starts = [19 * 60 + 40, 19 * 60 + 58, 20 * 60 + 15, 20 * 60 + 33, 21 * 60 + 2, 21 * 60 + 19, 21 * 60 + 37, 21 * 60 + 55];
  const hhmm = (m: number): string => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  section('conduct', L('Werkwijze en verloop', 'Method and course of the evening'), [
    { kind: 'heading', level: 2, text: L('Volgorde van de pitches', 'Order of the pitches') },
    {
      kind: 'paragraph',
      text: [
        { text: L('De volgorde is op 10 november 2026 om 14:05 door loting bepaald, in aanwezigheid van twee bewoners. Zaadwaarde: ', 'The order was drawn by lot on 10 November 2026 at 14:05, with two residents present. Seed: ') },
        { text: '7c1f93a2d4e5', mono: true },
        { text: '.' },
      ],
    },
    {
      kind: 'table',
      header: ['#', L('Inschrijver', 'Bidder'), L('Start pitch', 'Pitch start'), L('Stemmen open', 'Scoring open'), L('Stemmen dicht', 'Scoring closed'), L('Stembiljetten', 'Ballots'), L('Bijzonderheden', 'Notes')],
      rows: FIXTURE_BIDDERS.map((name, b) => [
        String(b + 1),
        name,
        hhmm(starts[b]),
        hhmm(starts[b] + 12),
        hhmm(starts[b] + (b === 4 ? 18 : 16)),
        String(Math.max(...results[b].map((r) => r.total))),
        b === 4 ? L('Stemmen heropend (storing wifi)', 'Scoring reopened (wifi outage)') : b === 7 ? L('Geen beheerplan gepresenteerd', 'No maintenance plan presented') : '',
      ]),
      align: ['right', 'left', 'center', 'center', 'center', 'right', 'left'],
      widths: [0.4, 3, 1.1, 1.1, 1.1, 1.1, 3],
      caption: L('Tijden in lokale tijd (Europe/Amsterdam).', 'Times in local time (Europe/Amsterdam).'),
    },
    { kind: 'heading', level: 2, text: L('Wie mocht stemmen', 'Who could vote') },
    {
      kind: 'paragraph',
      text: L(
        'Iedere aanwezige bewoner kon met de QR-code op de poster deelnemen. Per telefoon telt één stembiljet per inschrijver. Telefoons die pas na het openen van de stemming binnenkwamen, konden voor die inschrijver niet meer stemmen.',
        'Every resident present could join with the QR code on the poster. One ballot per bidder counts per phone. Phones that joined after scoring opened could not vote for that bidder any more.',
      ),
    },
    { kind: 'heading', level: 2, text: L('Bijzonderheden', 'Notable events') },
    {
      kind: 'list',
      items: [
        L('21:16 – de stemming voor Van Dijk Infra & Groen is twee minuten heropend na een storing van de wifi.', '21:16 – scoring for Van Dijk Infra & Groen was reopened for two minutes after a wifi outage.'),
        L('21:55 – Buurtbedrijf De Kwekerij sloeg het onderdeel beheer over; het criterium Onderhoud en beheer is voor hen niet gescoord.', '21:55 – Buurtbedrijf De Kwekerij skipped the maintenance part; the criterion Maintenance and management was not scored for them.'),
      ],
    },
  ]);

  // 6 Deelname
  section('participation', L('Deelname', 'Participation'), [
    {
      kind: 'facts',
      rows: [
        { label: L('Telefoons aangemeld', 'Phones joined'), value: '131' },
        { label: L('Bewoners met ten minste één stem', 'Residents with at least one vote'), value: '118' },
        { label: L('Oordelen (alle criteria)', 'Grades (all criteria)'), value: String(gradings) },
        { label: L('Gemiddeld per inschrijver en criterium', 'Average per bidder and criterion'), value: num(gradings / results.flat().length, 1) },
      ],
    },
    { kind: 'paragraph', text: L('De tabel geeft per inschrijver en criterium het aantal oordelen.', 'The table gives the number of grades per bidder and criterion.') },
    {
      kind: 'table',
      header: [L('Inschrijver', 'Bidder'), ...CRITERIA.map((_c, i) => `C${i + 1}`), L('Totaal', 'Total')],
      rows: FIXTURE_BIDDERS.map((name, b) => [name, ...results[b].map((r) => String(r.total)), String(results[b].reduce((a, r) => a + r.total, 0))]),
      align: ['left', ...CRITERIA.map(() => 'right' as const), 'right'],
      widths: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1.3],
      caption: CRITERIA.map((_c, i) => `C${i + 1} = ${crit[i]}`).join('; '),
    },
  ]);

  // 7 Resultaten per criterium
  const perCriterion: DocBlock[] = [
    {
      kind: 'paragraph',
      text: L(
        'Per criterium toont een balk per inschrijver hoe de oordelen over de vijf niveaus zijn verdeeld, van Uitstekend (links) tot Onvoldoende (rechts). Achter de balk staat het mediane oordeel.',
        'For every criterion, a bar per bidder shows how the grades are spread over the five levels, from Excellent (left) to Insufficient (right). The median grade follows the bar.',
      ),
    },
  ];
  CRITERIA.forEach((c, ci) => {
    const rows = FIXTURE_BIDDERS.map((name, b) => {
      const r = results[b][ci];
      return {
        label: name,
        counts: r.counts,
        total: r.total,
        note: r.total === 0 ? L('niet gescoord', 'not scored') : `${L('mediaan', 'median')}: ${levelName(r.median)}`,
      };
    });
    const bestBidder = [...FIXTURE_BIDDERS.keys()].filter((b) => results[b][ci].mean !== null).sort((a, b) => (results[b][ci].mean ?? 0) - (results[a][ci].mean ?? 0))[0];
    perCriterion.push(
      { kind: 'heading', level: 2, text: `${crit[ci]} (${c.weight}%)` },
      {
        kind: 'paragraph',
        text: L(
          `${FIXTURE_BIDDERS[bestBidder]} krijgt op dit criterium het hoogste gemiddelde (${num(results[bestBidder][ci].mean)}). ${nl ? c.nlText : c.enText}`,
          `${FIXTURE_BIDDERS[bestBidder]} has the highest mean on this criterion (${num(results[bestBidder][ci].mean)}). ${c.enText}`,
        ),
      },
      { kind: 'merit-chart', caption: L(`Verdeling van de oordelen: ${crit[ci]}`, `Distribution of grades: ${crit[ci]}`), levels: meritLevels, rows },
      {
        kind: 'paragraph',
        style: 'note',
        text: L(`n = ${Math.min(...rows.map((r) => r.total).filter((t) => t > 0))} tot ${Math.max(...rows.map((r) => r.total))} oordelen per inschrijver.`, `n = ${Math.min(...rows.map((r) => r.total).filter((t) => t > 0))} to ${Math.max(...rows.map((r) => r.total))} grades per bidder.`),
      },
    );
  });
  section('criteria-results', L('Resultaten per criterium', 'Results per criterion'), perCriterion);

  // 8 Totaaloordeel en rangorde
  section('overall', L('Totaaloordeel en rangorde', 'Overall judgement and ranking'), [
    {
      kind: 'paragraph',
      text: L(
        'Het totaaloordeel is het gewogen gemiddelde van de gemiddelden per criterium. Het interval geeft de 95%-bootstrapmarge: een ander gezelschap bewoners had binnen die marge kunnen uitkomen.',
        'The overall judgement is the weighted mean of the means per criterion. The interval is the 95% bootstrap margin: another group of residents could have ended up within it.',
      ),
    },
    {
      kind: 'interval-chart',
      caption: L('Gewogen gemiddelde met 95%-interval', 'Weighted mean with 95% interval'),
      min: 1,
      max: 5,
      ticks: LEVELS.map((l) => ({ value: l.value, label: `${l.value} ${nl ? l.nl : l.en}` })).reverse(),
      rows: ranking.map((r) => ({ label: r.name, value: r.mean, low: r.low, high: r.high, note: `${num(r.mean)} (${num(r.low)}–${num(r.high)})` })),
    },
    { kind: 'heading', level: 2, text: L('Rangorde', 'Ranking') },
    {
      kind: 'table',
      header: [L('Rang', 'Rank'), L('Inschrijver', 'Bidder'), L('Gewogen gem.', 'Weighted mean'), L('Laag', 'Low'), L('Hoog', 'High'), L('Mediaan', 'Median'), L('Oordelen', 'Grades'), L('Goed of beter', 'Good or better'), L('Verschil met 1', 'Gap to 1st')],
      rows: ranking.map((r, i) => [
        String(i + 1),
        i === 0 ? [{ text: r.name, bold: true }] : r.name,
        num(r.mean),
        num(r.low),
        num(r.high),
        levelName(r.median),
        String(r.ballots),
        `${Math.round(r.goodShare * 100)}%`,
        i === 0 ? '–' : num(r.mean - best.mean),
      ]),
      align: ['right', 'left', 'right', 'right', 'right', 'left', 'right', 'right', 'right'],
      widths: [0.8, 4, 1.4, 1, 1, 1.4, 1.1, 1.2, 1.2],
      caption: L('Laag en hoog: grenzen van het 95%-interval. Verschil: gewogen gemiddelde min dat van de nummer één.', 'Low and high: bounds of the 95% interval. Gap: weighted mean minus that of the first.'),
    },
    { kind: 'heading', level: 2, text: L('Gemiddelde per criterium', 'Mean per criterion') },
    {
      kind: 'table',
      header: [L('Inschrijver', 'Bidder'), ...CRITERIA.map((_c, i) => `C${i + 1}`), L('Gewogen', 'Weighted')],
      rows: overall.map((r) => [r.name, ...results[r.b].map((x) => num(x.mean)), [{ text: num(r.mean), bold: true }]]),
      align: ['left', ...CRITERIA.map(() => 'right' as const), 'right'],
      widths: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1.4],
      caption: L('Gemiddelde waarde van de oordelen (Uitstekend = 5, Onvoldoende = 1); – = niet gescoord.', 'Mean value of the grades (Excellent = 5, Insufficient = 1); – = not scored.'),
    },
  ]);

  // 9 Robuustheid en integriteit
  section('robustness', L('Robuustheid en integriteit', 'Robustness and integrity'), [
    { kind: 'heading', level: 2, text: L('Gevoeligheid voor de gewichten', 'Sensitivity to the weights') },
    {
      kind: 'paragraph',
      text: L('We hebben de rangorde opnieuw berekend met andere gewichten. De nummer één blijft in vier van de vijf varianten bovenaan.', 'We recalculated the ranking with other weights. The first stays on top in four of the five variants.'),
    },
    {
      kind: 'table',
      header: [L('Variant', 'Variant'), L('Nr. 1', '1st'), L('Nr. 2', '2nd'), L('Nr. 3', '3rd'), L('Gem. nr. 1', 'Mean 1st'), L('Marge', 'Margin')],
      rows: [
        [L('Vastgestelde gewichten', 'Frozen weights'), ranking[0].name, ranking[1].name, ranking[2].name, num(ranking[0].mean), num(ranking[0].mean - ranking[1].mean)],
        [L('Gelijke gewichten', 'Equal weights'), ranking[0].name, ranking[2].name, ranking[1].name, num(ranking[0].mean - 0.03), num(0.06)],
        [L('Zonder betrokkenheid', 'Without involvement'), ranking[1].name, ranking[0].name, ranking[2].name, num(ranking[1].mean + 0.02), num(0.01)],
        [L('Alleen groen en klimaat', 'Green and climate only'), ranking[0].name, ranking[1].name, ranking[3].name, num(3.71), num(0.15)],
        [L('Mediaan in plaats van gemiddelde', 'Median instead of mean'), ranking[0].name, ranking[1].name, ranking[2].name, levelName(4), '–'],
      ],
      widths: [3, 3, 3, 3, 1.3, 1],
      align: ['left', 'left', 'left', 'left', 'right', 'right'],
    },
    { kind: 'heading', level: 2, text: L('Controles', 'Checks') },
    {
      kind: 'list',
      items: [
        L('Geen telefoon heeft meer dan één stembiljet per inschrijver ingediend.', 'No phone submitted more than one ballot per bidder.'),
        L('Er zijn geen stemmen binnengekomen buiten de stemvensters.', 'No votes arrived outside the scoring windows.'),
        L('Opvallende stempatronen (steeds het hoogste of laagste oordeel): 4 telefoons; zonder hen verandert de rangorde niet.', 'Conspicuous patterns (always the highest or lowest grade): 4 phones; without them the ranking does not change.'),
        [{ text: L('Vingerafdruk van de opzet: ', 'Fingerprint of the setup: ') }, { text: FIXTURE_FINGERPRINT, mono: true }],
      ],
    },
    { kind: 'heading', level: 3, text: L('Belangenverstrengeling', 'Conflicts of interest') },
    {
      kind: 'paragraph',
      text: L('Twee bewoners meldden vooraf een relatie met een inschrijver. Hun stemmen voor die inschrijver zijn niet meegeteld.', 'Two residents declared a relation with a bidder beforehand. Their votes for that bidder were not counted.'),
    },
  ]);

  // 10 Toelichting per inschrijver
  const quotes = [
    [L('Eindelijk een plan waarin de speeltuin niet achter de parkeerplaatsen verdwijnt.', 'Finally a plan where the playground does not disappear behind the car parks.'), 'V0012'],
    [L('Mooie tekeningen, maar wie gaat dat groen straks bijhouden?', 'Nice drawings, but who will look after that green space?'), 'V0047'],
    [L('Ze hebben echt naar de wijk geluisterd, dat merk je aan de details.', 'They really listened to the neighbourhood; you can tell from the details.'), 'V0103'],
    [L('De planning van twee jaar overlast vind ik te lang voor de Birkstraat.', 'Two years of nuisance is too long for the Birkstraat in my view.'), 'V0088'],
  ];
  const bidderBlocks: DocBlock[] = [
    { kind: 'paragraph', text: L('Per inschrijver de sterke en zwakke punten volgens de bewoners, met opmerkingen die bewoners bij hun stem gaven (geanonimiseerd).', 'Per bidder the strong and weak points according to the residents, with comments residents gave with their vote (anonymised).') },
  ];
  overall.forEach((r) => {
    const means = results[r.b].map((x, c) => ({ c, m: x.mean })).filter((x): x is { c: number; m: number } => x.m !== null);
    const strongest = means.reduce((a, x) => (x.m > a.m ? x : a));
    const weakest = means.reduce((a, x) => (x.m < a.m ? x : a));
    const rank = ranking.findIndex((x) => x.b === r.b) + 1;
    bidderBlocks.push(
      { kind: 'heading', level: 2, text: r.name },
      {
        kind: 'facts',
        rows: [
          { label: L('Rang', 'Rank'), value: `${rank} ${L('van', 'of')} ${FIXTURE_BIDDERS.length}` },
          { label: L('Gewogen gemiddelde', 'Weighted mean'), value: [{ text: num(r.mean), bold: true }, { text: ` (${num(r.low)}–${num(r.high)})` }] },
          { label: L('Sterkste criterium', 'Strongest criterion'), value: `${crit[strongest.c]} (${num(strongest.m)})` },
          { label: L('Zwakste criterium', 'Weakest criterion'), value: `${crit[weakest.c]} (${num(weakest.m)})` },
        ],
      },
      {
        kind: 'paragraph',
        text: L(
          `Bewoners waarderen vooral de aanpak op ${crit[strongest.c].toLowerCase()}. Op ${crit[weakest.c].toLowerCase()} overtuigde het plan minder; meerdere bewoners vroegen om een concretere uitwerking en duidelijke afspraken over wie waarvoor verantwoordelijk is.`,
          `Residents mostly appreciate the approach to ${crit[strongest.c].toLowerCase()}. On ${crit[weakest.c].toLowerCase()} the plan was less convincing; several residents asked for a more concrete elaboration and clear agreements on who is responsible for what.`,
        ),
      },
      { kind: 'quote', text: quotes[r.b % 4][0], source: `${L('Bewoner', 'Resident')} ${quotes[r.b % 4][1]}` },
      { kind: 'quote', text: quotes[(r.b + 1) % 4][0], source: `${L('Bewoner', 'Resident')} ${quotes[(r.b + 1) % 4][1]}` },
    );
  });
  section('bidders', L('Toelichting per inschrijver', 'Notes per bidder'), bidderBlocks);

  // 11 Beperkingen
  section('limitations', L('Beperkingen', 'Limitations'), [
    { kind: 'paragraph', text: L('Bij het lezen van dit advies zijn de volgende beperkingen van belang.', 'The following limitations matter when reading this advice.') },
    {
      kind: 'list',
      items: [
        L('De aanwezigen zijn geen steekproef van de wijk: ouderen en huurders van de Kwekerijweg waren goed vertegenwoordigd, jongeren minder.', 'Those present are not a sample of the neighbourhood: older people and tenants of the Kwekerijweg were well represented, young people less so.'),
        L('Bewoners beoordeelden een pitch van twaalf minuten, niet de volledige inschrijving.', 'Residents judged a twelve-minute pitch, not the full tender.'),
        L('Verschillen kleiner dan ongeveer 0,2 punt vallen binnen de onzekerheidsmarge.', 'Differences below about 0.2 points are within the margin of uncertainty.'),
        L('Kosten en juridische eisen maakten geen deel uit van de beoordeling door bewoners.', 'Costs and legal requirements were not part of the residents’ judgement.'),
      ],
    },
  ]);

  // 12 Verantwoording
  section('accountability', L('Verantwoording', 'Accountability'), [
    { kind: 'heading', level: 2, text: L('Rekenwijze', 'Calculation') },
    {
      kind: 'paragraph',
      text: L(
        'Per inschrijver en criterium is het gemiddelde van de oordelen berekend (Uitstekend = 5, Onvoldoende = 1). Het totaaloordeel is het gewogen gemiddelde daarvan. De intervallen zijn bepaald met 2.000 bootstrap-herhalingen over de telefoons.',
        'For every bidder and criterion the mean of the grades was calculated (Excellent = 5, Insufficient = 1). The overall judgement is its weighted mean. The intervals come from 2,000 bootstrap resamples over the phones.',
      ),
    },
    { kind: 'heading', level: 2, text: L('Gegevens en privacy', 'Data and privacy') },
    {
      kind: 'paragraph',
      text: L('De koppeling tussen telefoons en stembiljetten wordt 30 dagen na vaststelling verwijderd. Opmerkingen zijn ontdaan van namen, adressen en telefoonnummers.', 'The link between phones and ballots is deleted 30 days after issuing. Comments are stripped of names, addresses and phone numbers.'),
    },
    {
      kind: 'facts',
      rows: [
        { label: L('Software', 'Software'), value: 'Buurtjury 0.1.0' },
        { label: L('Vingerafdruk opzet', 'Setup fingerprint'), value: fingerprintRun },
        { label: L('Bewaartermijn', 'Retention'), value: L('30 dagen', '30 days') },
        { label: L('Organisatie', 'Organisers'), value: 'Bewonersnetwerk Soesterkwartier' },
      ],
    },
  ]);

  // 13 Verzoek om terugkoppeling
  section('feedback', L('Verzoek om terugkoppeling', 'Request for feedback'), [
    {
      kind: 'paragraph',
      text: L(
        'De Buurtjury vraagt de aanbestedingscommissie om binnen zes weken na de gunning schriftelijk te laten weten hoe zij dit advies heeft meegewogen, en waar zij ervan is afgeweken, waarom.',
        'The Buurtjury asks the tender committee to explain in writing, within six weeks of the award, how it weighed this advice and, where it deviated from it, why.',
      ),
    },
    {
      kind: 'list',
      ordered: true,
      items: [
        L('Welke inschrijver is gekozen, en op welke gronden?', 'Which bidder was chosen, and on what grounds?'),
        L('Welke punten uit dit advies zijn in het contract opgenomen?', 'Which points from this advice are in the contract?'),
        L('Hoe blijven bewoners betrokken tijdens de uitvoering?', 'How will residents stay involved during the works?'),
      ],
    },
  ]);

  // 14 Bijlagen
  const appendix: DocBlock[] = [
    { kind: 'heading', level: 2, text: L('Bijlage A: stemverdeling per criterium', 'Appendix A: distribution of grades per criterion') },
    { kind: 'paragraph', style: 'note', text: L('Aantallen per oordeel: U = Uitstekend, G = Goed, V = Voldoende, M = Matig, O = Onvoldoende.', 'Counts per grade: E = Excellent, G = Good, S = Sufficient, P = Poor, I = Insufficient.') },
  ];
  CRITERIA.forEach((_c, ci) => {
    appendix.push(
      { kind: 'heading', level: 3, text: `C${ci + 1} ${crit[ci]}` },
      {
        kind: 'table',
        header: [L('Inschrijver', 'Bidder'), ...(nl ? ['U', 'G', 'V', 'M', 'O'] : ['E', 'G', 'S', 'P', 'I']), 'n', L('Gem.', 'Mean'), L('Mediaan', 'Median'), L('Goed+', 'Good+')],
        rows: FIXTURE_BIDDERS.map((name, b) => {
          const r = results[b][ci];
          return [name, ...r.counts.map(String), String(r.total), num(r.mean), levelName(r.median), pct(r.counts[0] + r.counts[1], r.total)];
        }),
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
        widths: [4, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 1.6, 1.1],
      },
    );
  });
  appendix.push(
    { kind: 'page-break' },
    { kind: 'heading', level: 2, text: L('Bijlage B: begrippen', 'Appendix B: glossary') },
    {
      kind: 'facts',
      rows: [
        { label: L('Gewogen gemiddelde', 'Weighted mean'), value: L('Som van gewicht × gemiddelde per criterium, gedeeld door de som van de gewichten.', 'Sum of weight × mean per criterion, divided by the sum of the weights.') },
        { label: L('Bootstrap-interval', 'Bootstrap interval'), value: L('Marge die ontstaat door de telefoons 2.000 keer opnieuw te trekken.', 'Margin obtained by resampling the phones 2,000 times.') },
        { label: L('Mediaan', 'Median'), value: L('Het oordeel waarbij de helft van de bewoners even hoog of hoger oordeelde.', 'The grade at which half the residents graded as high or higher.') },
        { label: L('Vingerafdruk', 'Fingerprint'), value: L('SHA-256-hash die verandert zodra er iets aan de gegevens verandert.', 'SHA-256 hash that changes as soon as anything in the data changes.') },
      ],
    },
    { kind: 'heading', level: 2, text: L('Bijlage C: controle van de vingerafdruk', 'Appendix C: checking the fingerprint') },
    {
      kind: 'paragraph',
      text: [
        { text: L('Bereken de SHA-256 van het bestand ', 'Compute the SHA-256 of the file ') },
        { text: 'opzet-soesterkwartier.json', mono: true },
        { text: L(' en vergelijk met: ', ' and compare with: ') },
        { text: FIXTURE_FINGERPRINT, mono: true },
      ],
    },
  );
  section('appendices', L('Bijlagen', 'Appendices'), appendix, true);

  return {
    lang,
    title: L('Bewonersadvies aanbesteding Herinrichting openbare ruimte Soesterkwartier', 'Residents’ advice on the tender Redesign of the public space in the Soesterkwartier'),
    subtitle: L('Advies van de Buurtjury aan de aanbestedingscommissie van de gemeente Amersfoort', 'Advice of the Buurtjury to the tender committee of the municipality of Amersfoort'),
    titleFacts: [
      { label: L('Opgesteld door', 'Prepared by'), value: 'Bewonersnetwerk Soesterkwartier' },
      { label: L('Pitchavond', 'Pitch evening'), value: L('12 november 2026, wijkcentrum De Kwekerij', '12 November 2026, De Kwekerij community centre') },
      { label: L('Kenmerk', 'Reference'), value: [{ text: 'AMF-2026-0147', mono: true }] },
      { label: L('Versie', 'Version'), value: L('2 (concept van 21 november 2026)', '2 (draft of 21 November 2026)') },
    ],
    draftMark: L('CONCEPT', 'DRAFT'),
    contentsTitle: L('Inhoud', 'Contents'),
    footer: L('Bewonersadvies Soesterkwartier · versie 2 (concept)', 'Residents’ advice Soesterkwartier · version 2 (draft)'),
    pageLabel: L('Pagina {page} van {pages}', 'Page {page} of {pages}'),
    sections,
  };
}
