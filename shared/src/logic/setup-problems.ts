import type { Bidder, Criterion, Scale, Tender } from '../domain/setup';
import { problem, type Problem } from '../api/errors';
import { checkWeights, weightsIssue } from './weights';
import { scaleIssues } from './scale';

export type SetupProblemCode =
  | 'tender-name-missing'
  | 'municipality-missing'
  | 'too-few-bidders'
  | 'pitch-length-missing'
  | 'no-criteria'
  | 'weights'
  | 'scale';

/** One check of the freeze checklist that fails: its code, and its reason and parameters for the UI's language. */
export interface SetupProblem extends Problem {
  code: SetupProblemCode;
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
  if (!setup.tender.name.trim()) problems.push({ code: 'tender-name-missing', ...problem('tenderNameMissing') });
  if (!setup.tender.municipality.trim()) {
    problems.push({ code: 'municipality-missing', ...problem('municipalityMissing') });
  }
  if (setup.bidders.length < 2) {
    problems.push({ code: 'too-few-bidders', ...problem('tooFewBidders', { count: setup.bidders.length }) });
  }
  for (const bidder of setup.bidders) {
    if (bidder.pitchMinutes < 1) {
      problems.push({ code: 'pitch-length-missing', ...problem('pitchLengthMissing', { bidder: bidder.name }) });
    }
  }
  if (setup.criteria.length === 0) {
    problems.push({ code: 'no-criteria', ...problem('noCriteria') });
  } else {
    const weights = weightsIssue(checkWeights(setup.criteria.map((c) => c.weight)));
    if (weights) problems.push({ code: 'weights', ...weights });
  }
  for (const issue of scaleIssues(setup.scale)) problems.push({ code: 'scale', ...issue });
  return problems;
}
