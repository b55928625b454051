import fc from 'fast-check';
import { buildAdviceDocument } from './build';
import { documentText, type AdviceDocument, type DocBlock } from './document';
import { bidderDifferences } from './bidder-differences';
import { remarkCountText } from './bidder-page';
import { sampleEvening } from '../testing/sample';
import { computeResults } from '../results/report';
import type { ResultsBallot, ResultsInput } from '../results/types';
import type { AdviceDocumentInput } from './build';

const sample = sampleEvening({ bidders: 4, criteria: 3, voters: 30, resamples: 200 });
const intF = { int: (n: number) => String(n) };

const section = (doc: AdviceDocument, id: string) => doc.sections.find((s) => s.id === id)!;
const headings = (blocks: DocBlock[]) => blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''));
const texts = (blocks: DocBlock[]) => documentText({ ...buildAdviceDocument(sample.input, 'nl'), titleFacts: [], titleBlocks: [], title: '', subtitle: '', sections: [{ id: 'x', number: 1, title: '', blocks }] });

describe('who says what', () => {
  it('keeps what was measured apart from what the organisers conclude, by heading and by wording, in both languages', () => {
    const nl = buildAdviceDocument(sample.input, 'nl');
    const en = buildAdviceDocument(sample.input, 'en');
    expect(headings(section(nl, 'summary').blocks)).toEqual(['Conclusie van de organisatoren', 'Advies', 'Gemeten: de uitslag in het kort']);
    expect(headings(section(en, 'summary').blocks)[0]).toBe('The organisers’ conclusion');
    expect(headings(section(en, 'summary').blocks)[2]).toMatch(/^Measured: /);
    // The organisers' summary sits under their conclusion, before the measured part; who wrote it is said.
    const summary = texts(section(nl, 'summary').blocks);
    expect(summary.indexOf('De bewoners adviseren')).toBeLessThan(summary.indexOf('Gemeten'));
    expect(summary).toContain('Geschreven door Anna de Vries (voorzitter) namens Bewonersnetwerk Amersfoort');
    expect(summary).toContain('geen uitkomst van de beoordelingen zelf');
    // Every chapter of numbers opens with the label.
    for (const id of ['participation', 'criteria-results', 'overall', 'robustness']) {
      expect(texts(section(nl, id).blocks.slice(0, 1))).toMatch(/(^|\n)Gemeten\. Berekend uit de getelde beoordelingen/);
      expect(texts(section(en, id).blocks.slice(0, 1))).toMatch(/(^|\n)Measured\. Computed from the counted assessments/);
    }
    expect(texts(section(nl, 'status').blocks)).toContain('Wie zegt wat');
  });

  it('asks for feedback at the reply address and within the use the status box allows, never to "weigh" the advice', () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = buildAdviceDocument(sample.input, lang);
      const feedback = texts(section(doc, 'feedback').blocks);
      const status = section(doc, 'status');
      expect(feedback).toContain('advies@bewonersnetwerk.example.nl');
      expect(feedback).toContain('Postbus 100, 3800 AA Amersfoort');
      // It points to the box on how the committee may use the advice, and that box is in the chapter it names.
      expect(feedback).toContain(lang === 'nl' ? `hoofdstuk ${status.number}` : `chapter ${status.number}`);
      expect(texts(status.blocks)).toContain(lang === 'nl' ? 'Wat de commissie met dit advies mag doen' : 'How the committee may use this advice');
      // Weighing the residents' advice as a factor is what the box forbids (CvAE advies 658).
      expect(feedback).not.toMatch(lang === 'nl' ? /mee te wegen|meewegen|zwaarder wogen/ : /\bweigh/);
    }
    // A draft has no reply address yet: it names the network.
    const draft = buildAdviceDocument({ ...sample.input, version: null, authorship: null }, 'nl');
    expect(texts(section(draft, 'feedback').blocks)).toContain('Een reactie kan naar Bewonersnetwerk Amersfoort.');
  });

  it('names who issued it, to whom, with reference, date, subject and a reply address, on the first page', () => {
    const nl = buildAdviceDocument(sample.input, 'nl');
    const [to, from] = nl.titleBlocks!;
    expect(to!.heading).toBe('Geadresseerde');
    expect(to!.rows.map((r) => `${r.label}: ${String(r.value)}`)).toEqual([
      'Aan: Adviescommissie Wijkaanpak, t.a.v. de voorzitter',
      `Kenmerk: ${sample.input.authorship!.reference}`,
      'Datum: 20 november 2026',
      `Onderwerp: ${sample.input.authorship!.subject}`,
    ]);
    expect(from!.rows.map((r) => `${r.label}: ${String(r.value)}`)).toEqual([
      'Vastgesteld door: Anna de Vries, voorzitter',
      'Namens: Bewonersnetwerk Amersfoort',
      'Reactie naar: advies@bewonersnetwerk.example.nl · Postbus 100, 3800 AA Amersfoort',
    ]);
    const en = buildAdviceDocument(sample.input, 'en');
    expect(en.titleBlocks!.map((b) => b.heading)).toEqual(['Addressee', 'Sender']);
    expect(en.titleBlocks![0]!.rows.map((r) => r.label)).toEqual(['To', 'Reference', 'Date', 'Subject']);
    // A draft says the organisers fill these in when issuing, and names nobody.
    const draft = buildAdviceDocument({ ...sample.input, version: null, authorship: null }, 'nl');
    expect(draft.titleBlocks![0]!.rows.every((r) => r.value === '(vult de organisatie in bij vaststelling)')).toBe(true);
    expect(documentText(draft)).not.toContain('Anna de Vries (voorzitter)');
  });

  it('counts the remarks per bidder, by phone and on paper, and says the quotes are a selection', () => {
    const nl = buildAdviceDocument(sample.input, 'nl');
    const bidders = texts(section(nl, 'bidders').blocks);
    expect(bidders).toContain('Bij de getelde beoordelingen van deze inschrijver schreven bewoners 4 opmerkingen (3 via telefoons en 1 op een papieren scorekaart). Hieronder 3 citaten daaruit, gekozen door de organisatoren: een selectie, geen samenvatting van alle opmerkingen.');
    expect(bidders).toContain('schreven bewoners 1 opmerking (1 via een telefoon). De organisatoren citeren die opmerking niet.');
    expect(bidders).toContain('schreven bewoners geen opmerking; er is dus niets te citeren.');
    // The paper card's remark is quoted and marked as such.
    const quotes = section(nl, 'bidders').blocks.filter((b) => b.kind === 'quote');
    expect(quotes.map((q) => (q.kind === 'quote' ? q.source : ''))).toEqual(['bewoner, anoniem, via telefoon', 'bewoner, anoniem, via telefoon', 'bewoner, anoniem, op een papieren scorekaart']);
  });

  it('puts remark counts in the right number, for any counts', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.nat(8), (phone, paper, picked) => {
        const quoted = Math.min(picked, phone + paper);
        const nl = remarkCountText('nl', intF, phone, paper, quoted);
        const en = remarkCountText('en', intF, phone, paper, quoted);
        expect(nl).not.toMatch(/(?<!\d)1 (opmerkingen|citaten)|(?<!\d)(0|[2-9]|\d\d) (opmerking|citaat)\b|via telefoons\b.*(?<!\d)1 via|(?<!\d)1 via telefoons/);
        expect(en).not.toMatch(/(?<!\d)1 (remarks|quotes)\b|(?<!\d)(0|[2-9]|\d\d) (remark|quote)\b/);
        if (phone + paper === 0) expect(nl).toContain('geen opmerking');
        else expect(nl).toContain(`${phone + paper} opmerking`);
        if (quoted > 0 && quoted < phone + paper) expect(nl).toContain('een selectie');
        if (phone === 0) expect(nl).not.toContain('telefoon');
        if (paper === 0) expect(nl).not.toContain('papier');
      }),
    );
  });

  it('carries the methodology as an appendix and explains every statistical term it uses, in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = buildAdviceDocument(sample.input, lang);
      const appendix = section(doc, 'appendices').blocks;
      expect(headings(appendix)).toContain(lang === 'nl' ? 'Rekenmethode' : 'Methodology');
      const text = documentText(doc);
      expect(text).not.toMatch(/docs\/methodology|shared\/src/);
      const glossary = appendix.find((b) => b.kind === 'facts')!;
      const terms = glossary.kind === 'facts' ? glossary.rows.map((r) => r.label.toLowerCase()) : [];
      const used =
        lang === 'nl'
          ? ['borda', 'condorcet', 'z-score', 'bootstrap', 'mediaan', 'meerderheidswaarde', 'totaalcijfer', 'poisson', 'xoshiro', 'getrimd', 'interval', 'profiel', 'mj']
          : ['borda', 'condorcet', 'z-score', 'bootstrap', 'median', 'majority value', 'overall grade', 'poisson', 'xoshiro', 'trimmed', 'interval', 'profile', 'mj'];
      for (const word of used) {
        expect(text.toLowerCase()).toContain(word);
        expect(terms.some((t) => t.includes(word))).toBe(true);
      }
    }
  });
});

describe('one page per bidder', () => {
  it('gives each bidder a page with the frozen pitch, every criterion, differences, the conclusion and quotes', () => {
    const doc = buildAdviceDocument(sample.input, 'nl');
    const blocks = section(doc, 'bidders').blocks;
    expect(section(doc, 'bidders').newPage).toBe(true);
    const breaks = blocks.filter((b) => b.kind === 'page-break').length;
    expect(breaks).toBe(sample.input.results.bidders.length - 1);
    const bidder = sample.input.evening.bidders[0]!;
    const text = texts(blocks);
    expect(text).toContain(`Geplande tijd ${bidder.pitchMinutes} minuten presentatie en ${bidder.qaMinutes} minuten vragen`);
    if (bidder.pitchSummary) expect(text).toContain(bidder.pitchSummary.trim());
    // All criteria at a glance with the engine's numbers.
    const first = sample.input.results.all.bidders[0]!;
    const table = blocks.find((b) => b.kind === 'table')!;
    expect(table.kind === 'table' && table.rows.map((r) => r[4])).toEqual(first.criteria.map((c) => String(c.ballots)));
    expect(headings(blocks)).toEqual(expect.arrayContaining(['De pitch', 'Gemeten', 'Waar deze inschrijver verschilt van de andere', 'Conclusie van de organisatoren', 'Uit de opmerkingen van bewoners']));
  });

  it('states only true differences: property over random evenings with ties, one voter and skipped pitches', () => {
    const criteria = [
      { id: 'c1', name: 'A', weight: 50 },
      { id: 'c2', name: 'B', weight: 30 },
      { id: 'c3', name: 'C', weight: 20 },
    ];
    const levels = [1, 2, 3].map((v) => ({ value: v, label: String(v) }));
    const bidders = ['b1', 'b2', 'b3'].map((id, i) => ({ id, name: id, position: i + 1 }));
    const ballot = fc.record({
      voter: fc.integer({ min: 1, max: 5 }).map((v) => `v${v}`),
      bidderId: fc.constantFrom('b1', 'b2', 'b3'),
      grades: fc.record({ c1: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }), c2: fc.constantFrom(1, 2, 3), c3: fc.constantFrom(1, 3) }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 0, maxLength: 12 }), (raw) => {
        // One ballot per voter and bidder (the last), and only grades given.
        const latest = new Map(raw.map((b) => [`${b.voter}\n${b.bidderId}`, b]));
        const ballots: ResultsBallot[] = [...latest.values()].map((b) => ({
          voter: b.voter,
          bidderId: b.bidderId,
          grades: Object.fromEntries(Object.entries(b.grades).filter(([, g]) => g !== undefined)) as Record<string, number>,
          channel: 'phone',
        }));
        const input: ResultsInput = { bidders, criteria, scale: { kind: 'numeric', levels }, ballots, ties: [], options: { seed: 'p', bootstrapResamples: 20 } };
        const report = computeResults(input);
        for (const b of bidders) {
          const d = bidderDifferences(report.all, b.id);
          const self = report.all.bidders.find((x) => x.bidderId === b.id)!;
          expect(d.assessed).toBe(self.ballots > 0);
          d.criteria.forEach((c, ci) => {
            const mine = self.criteria[ci]!.median;
            const others = report.all.bidders.filter((x) => x.bidderId !== b.id).map((x) => ({ id: x.bidderId, m: x.criteria[ci]!.median })).filter((x): x is { id: string; m: number } => x.m !== null);
            switch (c.kind) {
              case 'not-assessed':
                expect(mine).toBeNull();
                break;
              case 'no-others':
                expect(others).toEqual([]);
                break;
              case 'all-equal':
                expect(others.every((o) => o.m === mine)).toBe(true);
                break;
              case 'highest':
                expect(others.every((o) => o.m <= mine!)).toBe(true);
                expect(others.some((o) => o.m < mine!)).toBe(true);
                expect(c.shared.sort()).toEqual(others.filter((o) => o.m === mine).map((o) => o.id).sort());
                break;
              case 'lowest':
                expect(others.every((o) => o.m >= mine!)).toBe(true);
                expect(others.some((o) => o.m > mine!)).toBe(true);
                expect(c.shared.sort()).toEqual(others.filter((o) => o.m === mine).map((o) => o.id).sort());
                break;
              case 'between':
                expect(others.some((o) => o.m > mine!) && others.some((o) => o.m < mine!)).toBe(true);
                break;
            }
          });
          // The place: as the ranking says, with those tied.
          const entry = report.all.ranking.find((r) => r.bidderId === b.id);
          expect(d.place?.place ?? null).toBe(entry?.place ?? null);
          expect(d.place?.shared ?? []).toEqual(entry?.tiedWith ?? []);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('says a skipped pitch has nothing to compare, and one voter still gives true sentences', () => {
    const one = sampleEvening({ bidders: 2, criteria: 3, voters: 1, resamples: 50 }).input;
    const nl = documentText(buildAdviceDocument(one, 'nl'));
    expect(nl).not.toMatch(/als enige.*als enige.*als enige.*als enige.*als enige.*als enige.*als enige/s);
    const skipped: AdviceDocumentInput = {
      ...one,
      results: computeResults({
        bidders: one.results.bidders.map((b) => ({ id: b.id, name: b.name, position: b.position })),
        criteria: one.results.criteria,
        scale: one.results.scale,
        ballots: [],
        ties: [],
        options: { seed: 'x', bootstrapResamples: 20 },
      }),
    };
    const text = texts(section(buildAdviceDocument(skipped, 'nl'), 'bidders').blocks);
    expect(text).toContain('Deze inschrijver kreeg geen beoordelingen (bijvoorbeeld omdat de pitch is overgeslagen); er valt niets te vergelijken.');
    expect(text).not.toMatch(/hoogste mediaan|laagste mediaan/);
  });
});

describe('English versions of the organisers’ texts', () => {
  const evening = sample.input.evening;
  const withEnglish: AdviceDocumentInput = {
    ...sample.input,
    advice: {
      ...sample.input.advice,
      english: {
        summary: 'The residents advise the committee to choose the bidder with the highest majority grade.',
        recommendation: '',
        minorityViews: '',
        incidents: '',
        limitations: '',
        bidders: [{ bidderId: evening.bidders[0]!.id, strengths: 'Knows the neighbourhood inside out.', concerns: 'Little attention for young people.', conditions: '' }],
        criteria: evening.criteria.map((c, i) => ({ criterionId: c.id, name: `Criterion ${i + 1}`, explanation: c.explanation ? `Explanation ${i + 1}` : '' })),
        scale: evening.scale.levels.map((l) => ({ value: l.value, label: `Grade ${l.value}`, description: l.description ? `Means ${l.value}` : '' })),
      },
    },
  };

  it('prints them in the English edition and says on its first page which parts remain in Dutch', () => {
    const en = buildAdviceDocument(withEnglish, 'en');
    const text = documentText(en);
    expect(text).toContain('The residents advise the committee to choose');
    expect(text).toContain('Knows the neighbourhood inside out.');
    expect(text).toContain('Criterion 1 (');
    expect(text).toContain('Grade 5');
    expect(text).not.toContain('Kent de wijk door en door.');
    const note = String(en.titleFacts.find((f) => f.label === 'Language')!.value);
    // The recommendation has no English version: it stays Dutch, and the note says so; the summary does not.
    expect(text).toContain('Gun de opdracht aan de nummer één');
    expect(note).toContain('the advice');
    expect(note).not.toContain('the summary');
    expect(note).not.toMatch(/criteria \(|scale grades/);
    expect(note).toContain('residents’ quotes');
  });

  it('lists everything in Dutch when there are no English versions', () => {
    const note = String(buildAdviceDocument(sample.input, 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    expect(note).toContain('the summary, the advice');
    expect(note).toContain('the criteria');
    // The default scale is Buurtjury's own text: the English edition prints its English grades and does not list them.
    expect(note).not.toContain('scale grades');
    expect(documentText(buildAdviceDocument(sample.input, 'en'))).toContain('Excellent');
    // A grade the organisers changed is theirs, and stays in Dutch.
    const changed = { ...sample.input, evening: { ...sample.input.evening, scale: { ...sample.input.evening.scale, levels: sample.input.evening.scale.levels.map((l, i) => (i === 0 ? { ...l, label: 'Prima' } : l)) } } };
    const changedNote = String(buildAdviceDocument(changed, 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    expect(changedNote).toContain('1 of the 5 scale grades');
    expect(note).toMatch(new RegExp(`the conclusion on (${evening.bidders[0]!.name}|\\d of the ${evening.bidders.length} bidders)`));
  });

  it('names the organisers’ other Dutch entries it prints, and only those', () => {
    const note = (input: AdviceDocumentInput) => String(buildAdviceDocument(input, 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    const input = sample.input;
    expect(input.incidents.length).toBeGreaterThan(0);
    expect(input.conduct.events.some((e) => e.reason !== '')).toBe(true);
    expect(input.evening.declarations.items.length).toBeGreaterThan(0);
    const full = note(input);
    for (const part of [
      'evening, venue',
      'the tender’s description',
      'award criteria',
      'declarations of interest',
      'incidents',
      'reasons in the log',
      'the letter’s addressee, role and subject',
    ])
      expect(full).toContain(part);
    // Each of those texts is in the English edition, in Dutch as entered.
    const text = documentText(buildAdviceDocument(input, 'en'));
    expect(text).toContain(input.incidents[0]!.what);
    expect(text).toContain(input.evening.declarations.items[0]!.interest);
    expect(text).toContain(input.conduct.events.find((e) => e.reason !== '')!.reason);
    // An evening without them: the note does not claim they exist.
    const bare = note({
      ...input,
      evening: { ...input.evening, tender: { ...input.evening.tender, subject: '' }, award: { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' }, declarations: { items: [], noneDeclared: [] } },
      mappedOnly: null,
      incidents: [],
      conduct: { ...input.conduct, events: input.conduct.events.map((e) => ({ ...e, reason: '' })) },
      version: null,
      authorship: null,
    });
    for (const part of ['tender’s description', 'award criteria', 'declarations', 'incidents', 'reasons', 'addressee']) expect(bare).not.toContain(part);
  });

  it('never prints the English versions in the Dutch edition', () => {
    const nl = documentText(buildAdviceDocument(withEnglish, 'nl'));
    for (const english of ['The residents advise', 'Knows the neighbourhood', 'Criterion 1', 'Grade 5', 'Means 5', 'Little attention']) expect(nl).not.toContain(english);
    expect(nl).toContain('Kent de wijk door en door.');
  });
});

describe('the English edition’s note names only what this evening has', () => {
  it('leaves out pitch summaries and quotes when there are none', () => {
    const bare = {
      ...sample.input,
      evening: { ...sample.input.evening, bidders: sample.input.evening.bidders.map((b) => ({ ...b, pitchSummary: '', pitchTitle: '' })) },
      advice: { ...sample.input.advice, bidders: sample.input.advice.bidders.map((b) => ({ ...b, quoteIds: [] })) },
    };
    const note = String(buildAdviceDocument(bare, 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    expect(note).not.toContain('pitch summaries');
    expect(note).not.toContain('pitch titles');
    expect(note).not.toContain('quotes');
    const full = String(buildAdviceDocument(sample.input, 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    expect(sample.input.advice.bidders.some((b) => b.quoteIds.length > 0)).toBe(true);
    expect(full).toContain('residents’ quotes');
  });

  it('names up to two bidders whose conclusion stays Dutch, and counts more, so that the first page stays short', () => {
    const texts = (n: number) => ({
      ...sample.input,
      advice: {
        ...sample.input.advice,
        bidders: sample.input.advice.bidders.map((b, i) => ({ ...b, strengths: i < n ? 'Sterk.' : '', concerns: '', conditions: '' })),
      },
    });
    const note = (n: number) => String(buildAdviceDocument(texts(n), 'en').titleFacts.find((f) => f.label === 'Language')!.value);
    const [a, b] = sample.input.evening.bidders;
    expect(note(2)).toContain(`the conclusion on ${a!.name} and ${b!.name}`);
    expect(note(3)).toContain(`the conclusion on 3 of the ${sample.input.evening.bidders.length} bidders`);
  });
});
