/**
 * The worked example of docs/methodology.md: three bidders, two criteria (60 % and 40 %), a
 * five-point scale and five voters. The unit tests check every number the document quotes.
 */

import type { ResultsInput } from '../results/types';

/** Grades per voter as [plan, buurt] for bidders A, B and C. */
const GRADES: Record<string, [number, number][]> = {
  v1: [[5, 4], [4, 4], [3, 3]],
  v2: [[4, 4], [5, 5], [3, 2]],
  v3: [[4, 3], [3, 4], [5, 5]],
  v4: [[3, 5], [4, 3], [2, 3]],
  v5: [[2, 2], [4, 4], [5, 4]],
};

export function workedExampleInput(): ResultsInput {
  const bidders = [
    { id: 'A', name: 'De Groene Hoek', position: 1 },
    { id: 'B', name: 'Buurtbouw', position: 2 },
    { id: 'C', name: 'Samen Sterk', position: 3 },
  ];
  return {
    bidders,
    criteria: [
      { id: 'plan', name: 'Kwaliteit van het plan', weight: 60 },
      { id: 'buurt', name: 'Betrokkenheid van de buurt', weight: 40 },
    ],
    scale: {
      kind: 'verbal',
      levels: [
        { value: 5, label: 'Uitstekend' },
        { value: 4, label: 'Goed' },
        { value: 3, label: 'Voldoende' },
        { value: 2, label: 'Matig' },
        { value: 1, label: 'Onvoldoende' },
      ],
    },
    ballots: Object.entries(GRADES).flatMap(([voter, rows]) =>
      rows.map(([plan, buurt], i) => ({ voter, bidderId: bidders[i]!.id, grades: { plan, buurt } })),
    ),
    ties: [],
    options: { seed: 'voorbeeld', trimFraction: 0.2 },
  };
}
