import { buildAdviceDocument, SECTION_IDS } from './build';
import { documentText, type AdviceDocument, type DocBlock } from './document';
import { sampleEvening } from './sample';

const sample = sampleEvening({ bidders: 4, criteria: 3, voters: 40, resamples: 500 });

function blocks(doc: AdviceDocument): DocBlock[] {
  return doc.sections.flatMap((s) => s.blocks);
}

describe('the advisory document', () => {
  it('has the sections of a Dutch advisory report, numbered, in order', () => {
    const doc = buildAdviceDocument(sample.input, 'nl');
    expect(doc.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(doc.sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Samenvatting en advies',
      '2 Status van het advies',
      '3 Aanleiding en opdracht',
      '4 Beoordelingskader',
      '5 Werkwijze en verloop',
      '6 Deelname',
      '7 Resultaten per criterium',
      '8 Totaaloordeel en rangorde',
      '9 Robuustheid en integriteit',
      '10 Toelichting per inschrijver',
      '11 Beperkingen',
      '12 Verantwoording',
      '13 Verzoek om terugkoppeling',
      '14 Bijlagen',
    ]);
  });

  it('gives the English edition exactly the same structure', () => {
    const nl = buildAdviceDocument(sample.input, 'nl');
    const en = buildAdviceDocument(sample.input, 'en');
    expect(en.sections.map((s) => s.blocks.map((b) => b.kind))).toEqual(nl.sections.map((s) => s.blocks.map((b) => b.kind)));
    expect(en.sections[0]!.title).toBe('Summary and advice');
    expect(documentText(en)).not.toContain('Samenvatting');
  });

  it('prints the engine\'s numbers in the language\'s format, and the fingerprints', () => {
    const first = sample.input.results.all.bidders[0]!;
    const mean = first.weightedMean!;
    const nl = documentText(buildAdviceDocument(sample.input, 'nl'));
    const en = documentText(buildAdviceDocument(sample.input, 'en'));
    expect(nl).toContain(mean.toFixed(2).replace('.', ','));
    expect(en).toContain(mean.toFixed(2));
    for (const hash of [sample.input.recordSha256, sample.input.resultsSha256, sample.input.evening.fingerprint!]) {
      expect(nl).toContain(hash);
      expect(en).toContain(hash);
    }
    expect(nl).toContain('12 november 2026');
    expect(nl).toContain('20 november 2026');
  });

  it('shows a merit chart per criterion with the engine\'s counts', () => {
    const doc = buildAdviceDocument(sample.input, 'nl');
    const charts = blocks(doc).filter((b) => b.kind === 'merit-chart');
    expect(charts).toHaveLength(3);
    const chart = charts[0]!;
    const expected = sample.input.results.all.bidders.map((b) => b.criteria[0]!.distribution.map((d) => d.count));
    expect(chart.rows.map((r) => r.counts)).toEqual(expected);
  });

  it('marks a draft as a draft, and an issued version with its number and date', () => {
    const draft = buildAdviceDocument({ ...sample.input, version: null }, 'nl');
    expect(draft.draftMark).toBe('CONCEPT – niet vastgesteld');
    expect(draft.footer).toContain('concept');
    const issued = buildAdviceDocument(sample.input, 'nl');
    expect(issued.draftMark).toBeNull();
    expect(issued.footer).toContain('versie 1');
    expect(documentText(issued)).toContain('Dit is versie 1, vastgesteld op 20 november 2026, 11:15 door Anna de Vries.');
  });

  it("prints the organisers' text and picked quotes, and says where text is missing", () => {
    const text = documentText(buildAdviceDocument(sample.input, 'nl'));
    expect(text).toContain('Kent de wijk door en door.');
    expect(text).toContain('Ze weten echt wat er speelt in de buurt.');
    expect(text).toContain('(Nog niet ingevuld.)');
    expect(text).toContain('Te vroeg gesloten: de microfoon viel uit');
  });

  it('is the same document for the same input', () => {
    expect(JSON.stringify(buildAdviceDocument(sample.input, 'nl'))).toBe(JSON.stringify(buildAdviceDocument(sample.input, 'nl')));
  });
});
