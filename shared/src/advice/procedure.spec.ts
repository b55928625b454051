import fc from 'fast-check';
import { buildAdviceDocument, type AdviceDocumentInput } from './build';
import { documentText } from './document';
import { sampleEvening } from '../testing/sample';
import { pitchTimings, reopeningEffects, type ArrivedBallot, type ProcedureLogEntry } from './procedure-facts';
import { reopeningSentence } from './procedure';
import { computeResults } from '../results/report';
import type { ResultsInput } from '../results/types';
import { canonicalSetup, setupFingerprint, type FrozenSetup } from '../logic/fingerprint';
import { EMPTY_DECLARATIONS, type Declarations } from '../domain/procedure';

const sample = sampleEvening({ bidders: 3, criteria: 2, voters: 12, resamples: 100 });
const bidders = sample.input.evening.bidders;
const [A, B, C] = bidders as [(typeof bidders)[0], (typeof bidders)[0], (typeof bidders)[0]];
const T0 = Date.parse('2026-11-12T18:30:00.000Z');
const min = (m: number) => T0 + m * 60_000;

/** The conduct chapter of the sample's document with these changes, as text. */
function conduct(change: (input: AdviceDocumentInput) => AdviceDocumentInput, lang: 'nl' | 'en' = 'nl'): string {
  const doc = buildAdviceDocument(change(sample.input), lang);
  return documentText({ ...doc, sections: doc.sections.filter((s) => s.id === 'conduct') });
}

function withLog(log: ProcedureLogEntry[], startedAt: string | null = new Date(T0).toISOString()) {
  return (input: AdviceDocumentInput): AdviceDocumentInput => ({
    ...input,
    conduct: { ...input.conduct, startedAt, timings: pitchTimings(bidders, log), reopenings: [] },
  });
}

const started = (bidderId: string, m: number): ProcedureLogEntry => ({ type: 'pitch-started', at: min(m), bidderId });
const ended = (m: number): ProcedureLogEntry => ({ type: 'evening-ended', at: min(m), bidderId: null });

describe('the times of the pitches, from the live log', () => {
  it('measures each slot from its start to the next start or the end of the evening, and keeps every scoring window', () => {
    const timings = pitchTimings(bidders, [
      started(A.id, 0),
      { type: 'scoring-opened', at: min(10), bidderId: A.id },
      { type: 'scoring-closed', at: min(14), bidderId: A.id },
      started(B.id, 15),
      { type: 'scoring-reopened', at: min(20), bidderId: A.id },
      { type: 'closed-with-next-pitch', at: min(31), bidderId: A.id },
      started(C.id, 31),
      ended(52),
    ]);
    expect(timings.map((t) => [t.startedAt, t.endedAt, t.endedBy])).toEqual([
      [new Date(min(0)).toISOString(), new Date(min(15)).toISOString(), 'next-pitch'],
      [new Date(min(15)).toISOString(), new Date(min(31)).toISOString(), 'next-pitch'],
      [new Date(min(31)).toISOString(), new Date(min(52)).toISOString(), 'evening-ended'],
    ]);
    expect(timings[0]!.scoringWindows).toEqual([
      { openedAt: new Date(min(10)).toISOString(), closedAt: new Date(min(14)).toISOString() },
      { openedAt: new Date(min(20)).toISOString(), closedAt: new Date(min(31)).toISOString() },
    ]);
  });

  it('prints planned and measured minutes per bidder, and says when all were within the tolerance and the same was planned', () => {
    // The sample plans 10 + 5 minutes for every bidder.
    const text = conduct(withLog([started(A.id, 0), started(B.id, 16), started(C.id, 30.5), ended(45)]));
    expect(text).toContain('Tijden per inschrijver');
    expect(text).toContain(`1 ${A.name} 10 + 5 min 19:30 16,0 min`);
    expect(text).toContain(`3 ${C.name} 10 + 5 min 20:00 14,5 min (tot het einde van de avond)`);
    expect(text).toContain('Elke inschrijver had dezelfde geplande tijd: 10 minuten voor de pitch en 5 minuten voor vragen.');
    expect(text).toContain('Elke gehouden pitch week niet meer dan 2 minuten af van de geplande tijd (gemeten: 14,5 tot 16,0 minuten).');
    // The sample's organisers recorded an incident: the statement points to it instead of calling the conditions simply equal.
    expect(text).toContain('De organisatie legde 1 incident vast; wat er gebeurde en wat het gevolg was, staat hieronder bij Incidenten.');
    expect(text).toContain('Voor zover Buurtjury de omstandigheden vastlegt, waren ze voor alle inschrijvers gelijk; of de incidenten daar iets aan veranderden, staat bij Incidenten.');
    const without = conduct((input) => ({ ...withLog([started(A.id, 0), started(B.id, 16), started(C.id, 30.5), ended(45)])(input), incidents: [] }));
    expect(without).toContain('Voor zover Buurtjury de omstandigheden vastlegt, waren ze voor alle inschrijvers gelijk.');
    expect(without).not.toContain('incident vast');
  });

  it('names a pitch that ran over, a skipped pitch and a pitch the evening ended before, and then does not call the conditions equal', () => {
    const text = conduct(withLog([started(A.id, 0), { type: 'pitch-skipped', at: min(20), bidderId: B.id }, ended(21)]));
    expect(text).toContain(`Meer dan 2 minuten afwijking van de geplande tijd: ${A.name} (gepland 15, gemeten 21,0 minuten, tot het einde van de avond).`);
    expect(text).toContain(`Overgeslagen, dus niet gepresenteerd: ${B.name}.`);
    expect(text).toContain(`Niet gehouden, omdat de avond eerder eindigde: ${C.name}.`);
    expect(text).toContain('De omstandigheden waren dus niet voor alle inschrijvers gelijk; de verschillen staan hierboven.');
    expect(text).not.toContain('waren ze voor alle inschrijvers gelijk');
    const en = conduct(withLog([started(A.id, 0), { type: 'pitch-skipped', at: min(20), bidderId: B.id }, ended(21)]), 'en');
    expect(en).toContain(`Skipped, so not presented: ${B.name}.`);
    expect(en).toContain(`Not held, because the evening ended first: ${C.name}.`);
  });

  it('names differing planned times', () => {
    const text = conduct((input) => {
      const changed = input.evening.bidders.map((b, i) => (i === 1 ? { ...b, pitchMinutes: 12 } : b));
      const timings = pitchTimings(changed, [started(A.id, 0), ended(1)]);
      return { ...input, conduct: { ...input.conduct, timings }, evening: { ...input.evening, bidders: changed } };
    });
    expect(text).toContain(`De geplande tijden verschilden per inschrijver: ${A.name} 10 + 5 min, ${B.name} 12 + 5 min en ${C.name} 10 + 5 min.`);
  });

  it('claims nothing about actual times in an evening where no pitch was started (paper cards only)', () => {
    const text = conduct(withLog([ended(60)], null));
    expect(text).toContain('Er is in Buurtjury geen pitch gestart; de avond is beëindigd op');
    expect(text).toContain('de werkelijke tijden zijn niet vastgelegd');
    expect(text).not.toContain('Niet gehouden');
    expect(text).not.toContain('waren ze voor alle inschrijvers gelijk');
    expect(text).not.toContain('De omstandigheden waren dus niet');
    expect(text).not.toContain('De avond begon op –');
  });

  it('states that the frame was fixed before the first pitch, with its number of criteria in the right number', () => {
    const text = conduct(withLog([started(A.id, 0), ended(10)]));
    expect(text).toContain('Alle inschrijvers zijn beoordeeld op dezelfde 2 criteria met dezelfde gewichten, op dezelfde schaal en onder dezelfde regels voor wie mocht stemmen: dat kader lag vast op 2 november 2026, 10:00, vóór de eerste pitch, en is daarna niet veranderd.');
  });
});

describe('declarations of interest', () => {
  const withDeclarations = (declarations: Declarations) => (input: AdviceDocumentInput) => ({ ...input, evening: { ...input.evening, declarations } });

  it('prints every declaration with its measure, "none declared" per role, and says where nothing was recorded', () => {
    const text = conduct(
      withDeclarations({
        items: [{ who: 'Buurthuis De Kruiskamp', role: 'venue', interest: 'Beheerd door een inschrijver.', measure: '' }],
        noneDeclared: ['network'],
      }),
    );
    expect(text).toContain('Wie Rol Belang Maatregel');
    expect(text).toContain('Buurthuis De Kruiskamp locatie Beheerd door een inschrijver. geen maatregel vastgelegd');
    expect(text).toContain('Organiserend netwerk (Bewonersnetwerk Amersfoort): geen belang gemeld.');
    expect(text).toContain('Moderatoren: niets vastgelegd.');
    expect(text).toContain('Bij 1 verklaard belang van de organisatie staat hierboven de maatregel die is genomen.');
  });

  it('says so when nothing at all was recorded', () => {
    const text = conduct(withDeclarations(EMPTY_DECLARATIONS));
    expect(text).toContain('geen verklaringen over belangen vastgelegd, ook niet dat er geen belangen zijn');
    expect(text).not.toContain('vallen onder de vingerafdruk');
  });

  it('are part of the setup fingerprint when recorded, and leave the fingerprint of a setup without them as it was', () => {
    const setup: FrozenSetup = {
      eveningId: 'e',
      tender: sample.input.evening.tender,
      scale: sample.input.evening.scale,
      bidders,
      criteria: sample.input.evening.criteria,
      orderMethod: 'manual',
      draw: null,
    };
    const before = setupFingerprint(setup);
    expect(setupFingerprint({ ...setup, declarations: EMPTY_DECLARATIONS })).toBe(before);
    const declared = { ...setup, declarations: { items: [], noneDeclared: ['venue', 'network'] } satisfies Declarations };
    expect(setupFingerprint(declared)).not.toBe(before);
    expect(canonicalSetup(declared)).toContain('"declarations":{"items":[],"noneDeclared":["network","venue"]}');
  });
});

describe('incidents', () => {
  it('prints the recorded incidents in time order, and says when none were recorded', () => {
    const text = conduct((input) => input);
    expect(text).toContain('Tijd Wat gebeurde er Gevolg Maatregel');
    expect(text).toContain('19:59 De microfoon viel twee minuten uit');
    expect(conduct((input) => ({ ...input, incidents: [] }))).toContain('De organisatie heeft geen incidenten vastgelegd.');
    expect(conduct((input) => ({ ...input, incidents: [] }), 'en')).toContain('The organisers recorded no incidents.');
  });
});

describe('a reopened scoring', () => {
  const base: Omit<ResultsInput, 'ballots'> = { ...sample.resultsInput, options: { seed: 'x', bootstrapResamples: 1 } };
  const ids = bidders.map((b) => b.id);
  const criteria = sample.resultsInput.criteria.map((c) => c.id);
  const names = (id: string) => bidders.find((b) => b.id === id)!.name;
  const list = (items: string[]) => items.join(' en ');
  const fmt = { int: (n: number) => String(n), time: () => '20:00' };

  const arrivals = fc.array(
    fc.record({
      voter: fc.integer({ min: 1, max: 8 }).map((v) => `V${v}`),
      bidder: fc.integer({ min: 0, max: 2 }),
      grades: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: criteria.length, maxLength: criteria.length }),
      minute: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 40 },
  );

  it('counts the counted ballots after it and says the ranking changes exactly when the engine ranks the earlier ballots differently', () => {
    fc.assert(
      fc.property(arrivals, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 60 }), (rows, which, at) => {
        const arrived: ArrivedBallot[] = rows
          .sort((x, y) => x.minute - y.minute)
          .map((r) => ({ voter: r.voter, bidderId: ids[r.bidder]!, grades: Object.fromEntries(criteria.map((c, i) => [c, r.grades[i]!])), submittedAt: min(r.minute), channel: 'phone' }));
        const reopened = { at: new Date(min(at)).toISOString(), bidderId: ids[which]!, reason: '' };
        const [effect] = reopeningEffects({ ...base, ties: [] }, arrived, [reopened]);
        // Brute force: the counted ballot of each voter per bidder, then the earlier state for the reopened bidder.
        const last = (xs: ArrivedBallot[]) => [...new Map(xs.map((b) => [`${b.voter}|${b.bidderId}`, b])).values()];
        const counted = last(arrived);
        const after = counted.filter((b) => b.bidderId === reopened.bidderId && b.submittedAt! >= min(at));
        expect(effect!.after).toBe(after.length);
        const beforeReopened = last(arrived.filter((b) => b.bidderId === reopened.bidderId && b.submittedAt! < min(at)));
        const rank = (bs: ArrivedBallot[]) =>
          JSON.stringify(computeResults({ ...base, ties: [], ballots: bs.map(({ voter, bidderId, grades }) => ({ voter, bidderId, grades })) }).all.ranking.map((r) => [r.place, r.bidderId]));
        const changes = after.length > 0 && rank(counted) !== rank([...counted.filter((b) => b.bidderId !== reopened.bidderId), ...beforeReopened]);
        const nl = reopeningSentence(effect!, 'nl', fmt, names, list);
        const en = reopeningSentence(effect!, 'en', fmt, names, list);
        if (after.length === 0) {
          expect(nl).toContain('de uitslag hangt er dus niet van af');
          expect(en).toContain('the outcome therefore does not depend on it');
        } else {
          expect(nl).toContain(after.length === 1 ? 'Daarna kwam voor' : `Daarna kwamen voor ${names(reopened.bidderId)} ${after.length} beoordelingen`);
          expect(nl.includes('is de rangorde precies dezelfde')).toBe(!changes);
          expect(nl.includes('is de rangorde anders')).toBe(changes);
          expect(en.includes('the ranking is exactly the same')).toBe(!changes);
          // The order by weighted mean, recomputed independently: each bidder's number of bidders with a higher mean.
          const meanPlaces = (bs: ArrivedBallot[]) => {
            const bidders = computeResults({ ...base, ties: [], ballots: bs.map(({ voter, bidderId, grades }) => ({ voter, bidderId, grades })) }).all.bidders.filter((b) => b.weightedMean !== null);
            return JSON.stringify(Object.fromEntries(bidders.map((b) => [b.bidderId, bidders.filter((o) => o.weightedMean! - b.weightedMean! > 1e-9).length]).sort()));
          };
          const meanChanges = meanPlaces(counted) !== meanPlaces([...counted.filter((b) => b.bidderId !== reopened.bidderId), ...beforeReopened]);
          expect(nl.includes('De volgorde op het gewogen gemiddelde (ter controle) is zonder')).toBe(meanChanges);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names the first place without the later ballots when it differs', () => {
    const text = reopeningSentence(
      { at: '2026-11-12T19:00:00.000Z', bidderId: A.id, reason: 'microfoon', after: 3, replaced: 1, rankingChanges: true, firstWithout: [B.id], firstWith: [A.id] },
      'nl',
      fmt,
      names,
      list,
    );
    expect(text).toBe(
      `20:00: het beoordelen van ${A.name} is heropend (reden: “microfoon”). Daarna kwamen voor ${A.name} 3 beoordelingen binnen die meetellen. Daarvan verving 1 een eerdere beoordeling van dezelfde telefoon. Zonder die beoordelingen, met de eerdere beoordeling die zij verving, is de rangorde anders. Op de eerste plaats staat dan ${B.name} in plaats van ${A.name}.`,
    );
  });

  it('is printed in the conduct chapter with the sample evening’s reopening', () => {
    const text = conduct((input) => input);
    expect(text).toContain('Heropend beoordelen');
    expect(text).toMatch(/het beoordelen van .* is heropend \(reden: “Te vroeg gesloten: de microfoon viel uit”\)\./);
    expect(text).toContain('Het beoordelen is 1 keer heropend; wat dat veranderde, staat hieronder.');
  });
});

describe('a moderator’s declared interest and the paper cards', () => {
  it('points to the accounts that entered paper cards when a moderator declared an interest and cards count', () => {
    const withModerator = (input: AdviceDocumentInput, paper: Record<string, number>): AdviceDocumentInput => ({
      ...input,
      evening: { ...input.evening, declarations: { items: [{ who: 'Bart', role: 'moderator', interest: 'Vrijwilliger bij een inschrijver.', measure: '' }], noneDeclared: [] } },
      conduct: { ...input.conduct, paper },
      remarks: input.remarks.filter((r) => r.channel === 'phone' || (paper[r.bidderId] ?? 0) > 0),
    });
    const sentence = 'Buurtjury koppelt de verklaringen van moderatoren niet aan hun accounts.';
    expect(conduct((input) => withModerator(input, { [A.id]: 1 }))).toContain(sentence);
    expect(conduct((input) => withModerator(input, {}))).not.toContain(sentence);
  });
});

describe('declarations of a moderator', () => {
  it('says that nothing is recorded about the other moderators when one moderator declared an interest', () => {
    const text = conduct((input) => ({
      ...input,
      evening: { ...input.evening, declarations: { items: [{ who: 'Bart', role: 'moderator', interest: 'Vrijwilliger.', measure: '' }], noneDeclared: ['network'] } },
    }));
    expect(text).toContain('Andere moderatoren: niets vastgelegd; de verklaring hierboven gaat alleen over wie daar genoemd is.');
    expect(text).not.toContain('heeft de organisatie verklaard welke belangen');
    const none = conduct((input) => ({ ...input, evening: { ...input.evening, declarations: { items: [], noneDeclared: ['moderator'] } } }));
    expect(none).not.toContain('Andere moderatoren');
  });
});
