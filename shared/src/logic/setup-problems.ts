import type { Bidder, Criterion, Scale, Tender } from '../domain/setup';
import { checkWeights, describeWeightsProblem } from './weights';
import { scaleProblems } from './scale';

export type SetupProblemCode =
  | 'tender-name-missing'
  | 'municipality-missing'
  | 'too-few-bidders'
  | 'pitch-length-missing'
  | 'no-criteria'
  | 'weights'
  | 'scale';

export interface SetupProblem {
  code: SetupProblemCode;
  message: string;
}

export interface SetupDraft {
  tender: Tender;
  scale: Scale;
  bidders: readonly Bidder[];
  criteria: readonly Criterion[];
}

/** What still stands in the way of freezing; the setup can be frozen when this is empty. */
export function setupProblems(setup: SetupDraft): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (!setup.tender.name.trim()) problems.push({ code: 'tender-name-missing', message: 'Fill in the name of the tender.' });
  if (!setup.tender.municipality.trim()) {
    problems.push({ code: 'municipality-missing', message: 'Fill in the municipality that issued the tender.' });
  }
  if (setup.bidders.length < 2) {
    problems.push({ code: 'too-few-bidders', message: `Add at least two bidders; there are ${setup.bidders.length}.` });
  }
  for (const bidder of setup.bidders) {
    if (bidder.pitchMinutes < 1) {
      problems.push({ code: 'pitch-length-missing', message: `Give the pitch length of ${bidder.name}.` });
    }
  }
  if (setup.criteria.length === 0) {
    problems.push({ code: 'no-criteria', message: 'Add at least one criterion.' });
  } else {
    const weightsMessage = describeWeightsProblem(checkWeights(setup.criteria.map((c) => c.weight)));
    if (weightsMessage) problems.push({ code: 'weights', message: weightsMessage });
  }
  for (const message of scaleProblems(setup.scale)) problems.push({ code: 'scale', message });
  return problems;
}
