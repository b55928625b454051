import { buildAdviceDocument } from './build';
import { documentText, type DocBlock } from './document';
import { sampleEvening } from '../testing/sample';
import type { EveningConduct } from './build';

const sample = sampleEvening({ bidders: 3, criteria: 2, voters: 5, resamples: 100 });
const [a, b] = sample.input.results.bidders;

/** The participation section's text in `lang` for an evening whose late ballots are `late`. */
function participation(late: EveningConduct['lateBallots'], lang: 'nl' | 'en'): string {
  const doc = buildAdviceDocument({ ...sample.input, conduct: { ...sample.input.conduct, lateBallots: late } }, lang);
  const section = doc.sections.find((s) => s.id === 'participation')!;
  return documentText({ ...doc, sections: [section] });
}

function lateBlocks(late: EveningConduct['lateBallots'], lang: 'nl' | 'en'): DocBlock[] {
  const doc = buildAdviceDocument({ ...sample.input, conduct: { ...sample.input.conduct, lateBallots: late } }, lang);
  const blocks = doc.sections.find((s) => s.id === 'participation')!.blocks;
  const heading = blocks.findIndex((x) => x.kind === 'heading' && (x.text === 'Te laat binnengekomen beoordelingen' || x.text === 'Assessments that arrived too late'));
  return heading < 0 ? [] : blocks.slice(heading, heading + 3);
}

describe('the advice on ballots that arrived after scoring closed', () => {
  it('states the rule, and says that none arrived too late when none did', () => {
    const nl = participation([], 'nl');
    expect(nl).toContain('Een beoordeling telt alleen als ze binnenkomt terwijl het beoordelen van haar pitch open is; er is geen uitlooptijd.');
    expect(nl).toContain('Er kwamen geen beoordelingen te laat binnen.');
    const en = participation([], 'en');
    expect(en).toContain('there is no grace period');
    expect(en).toContain('No assessments arrived too late.');
    expect(lateBlocks([], 'nl').map((x) => x.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
  });

  it('puts one late ballot in the singular, with its bidder', () => {
    const late = [{ bidderId: a!.id, late: 1, changes: 0 }];
    const nl = participation(late, 'nl');
    expect(nl).toContain(`1 beoordeling kwam binnen nadat het beoordelen van haar pitch was gesloten en is niet meegeteld: ${a!.name} 1.`);
    expect(nl).not.toContain('Er kwamen geen beoordelingen te laat binnen.');
    expect(nl).not.toContain('Daarvan');
    expect(participation(late, 'en')).toContain(`1 assessment arrived after scoring for its pitch had closed and was not counted: ${a!.name} 1.`);
  });

  it('counts many per bidder, in the plural, and says how many were changes of a ballot that counts', () => {
    const late = [
      { bidderId: a!.id, late: 2, changes: 1 },
      { bidderId: b!.id, late: 1, changes: 0 },
    ];
    const nl = participation(late, 'nl');
    expect(nl).toContain(`3 beoordelingen kwamen binnen nadat het beoordelen van hun pitch was gesloten en zijn niet meegeteld: ${a!.name} 2, ${b!.name} 1.`);
    expect(nl).toContain('Daarvan was 1 een wijziging van een telefoon waarvan de eerdere beoordeling wel telt.');
    const en = participation(late, 'en');
    expect(en).toContain(`3 assessments arrived after scoring for their pitch had closed and were not counted: ${a!.name} 2, ${b!.name} 1.`);
    expect(en).toContain('Of these, 1 was a change from a phone whose earlier assessment counts.');
    const twoChanges = participation([{ bidderId: a!.id, late: 2, changes: 2 }], 'nl');
    expect(twoChanges).toContain('Daarvan waren 2 wijzigingen van telefoons waarvan de eerdere beoordeling wel telt.');
  });

  it('never changes the counted ballots it reports', () => {
    const without = buildAdviceDocument(sample.input, 'nl');
    const withLate = buildAdviceDocument({ ...sample.input, conduct: { ...sample.input.conduct, lateBallots: [{ bidderId: a!.id, late: 4, changes: 0 }] } }, 'nl');
    const facts = (doc: typeof without) => doc.sections.find((s) => s.id === 'participation')!.blocks.find((x) => x.kind === 'facts');
    expect(facts(withLate)).toEqual(facts(without));
  });
});
