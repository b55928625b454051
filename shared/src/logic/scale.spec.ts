import { defaultVerbalScale, numericScale, scaleProblems } from './scale';

describe('scales', () => {
  it('offers a usable five-point verbal scale in Dutch and English, best grade first', () => {
    const nl = defaultVerbalScale('nl');
    expect(nl.levels.map((l) => l.label)).toEqual(['Uitstekend', 'Goed', 'Voldoende', 'Matig', 'Onvoldoende']);
    expect(nl.levels.every((l) => l.description.length > 20)).toBe(true);
    expect(scaleProblems(nl)).toEqual([]);
    expect(defaultVerbalScale('en').levels[0]!.label).toBe('Excellent');
    expect(scaleProblems(defaultVerbalScale('en'))).toEqual([]);
  });

  it('builds numeric scales from 1-5 and 1-10', () => {
    expect(numericScale(1, 5).levels.map((l) => l.value)).toEqual([5, 4, 3, 2, 1]);
    expect(numericScale(1, 10).levels).toHaveLength(10);
    expect(scaleProblems(numericScale(1, 10))).toEqual([]);
  });

  it('returns a fresh copy each time, so editing one evening cannot change the default', () => {
    const a = defaultVerbalScale('nl');
    a.levels[0]!.label = 'Changed';
    expect(defaultVerbalScale('nl').levels[0]!.label).toBe('Uitstekend');
  });

  it('finds duplicate values and labels, wrong order, and too few grades', () => {
    const base = defaultVerbalScale('nl');
    expect(scaleProblems({ kind: 'verbal', levels: [base.levels[0]!] })).toContain('A scale has between 2 and 10 grades; this one has 1.');
    expect(scaleProblems({ kind: 'verbal', levels: [base.levels[0]!, { ...base.levels[1]!, value: 5 }] })).toContain(
      'Two grades have the same value.',
    );
    expect(scaleProblems({ kind: 'verbal', levels: [base.levels[0]!, { ...base.levels[1]!, label: 'uitstekend' }] })).toContain(
      'Two grades have the same label.',
    );
    expect(scaleProblems({ kind: 'verbal', levels: [...base.levels].reverse() })).toContain(
      'List the grades from best (highest value) to worst (lowest value).',
    );
  });

  it('requires numeric scales to be labelled with their numbers and to have no gaps', () => {
    expect(scaleProblems({ kind: 'numeric', levels: [{ value: 5, label: 'five', description: '' }, { value: 4, label: '4', description: '' }] })).toContain(
      'On a numeric scale each grade is labelled with its own number.',
    );
    expect(scaleProblems({ kind: 'numeric', levels: [{ value: 5, label: '5', description: '' }, { value: 3, label: '3', description: '' }] })).toContain(
      'A numeric scale has no gaps (for example 1, 2, 3, 4, 5).',
    );
  });
});
