import type { AwardFrame, Bidder, Criterion, Scale, Tender } from '../domain/setup';
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
  | 'scale'
  | 'award'
  | 'bidder-declined';

/** One check of the freeze checklist that fails: its code, and its reason and parameters for the UI's language. */
export interface SetupProblem extends Problem {
  code: SetupProblemCode;
}

export interface SetupDraft {
  tender: Tender;
  scale: Scale;
  bidders: readonly Bidder[];
  criteria: readonly Criterion[];
  /** Absent for callers from before the award frame; then nothing is checked about it. */
  award?: AwardFrame;
  /** The bidders' answers on their own pages: a bidder that declined cannot be frozen into the running order. */
  bidderResponses?: readonly { bidderId: string; response: 'confirmed' | 'declined' }[];
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
  for (const answer of setup.bidderResponses ?? []) {
    const bidder = setup.bidders.find((b) => b.id === answer.bidderId);
    if (bidder && answer.response === 'declined') problems.push({ code: 'bidder-declined', ...problem('bidderDeclined', { bidder: bidder.name }) });
  }
  if (setup.criteria.length === 0) {
    problems.push({ code: 'no-criteria', ...problem('noCriteria') });
  } else {
    const weights = weightsIssue(checkWeights(setup.criteria.map((c) => c.weight)));
    if (weights) problems.push({ code: 'weights', ...weights });
  }
  for (const issue of scaleIssues(setup.scale)) problems.push({ code: 'scale', ...issue });
  if (setup.award) problems.push(...awardProblems(setup.award, setup.criteria));
  return problems;
}

/**
 * The award frame's checks: when the tender's award criteria are recorded, their published weights
 * add up to 100 % and every residents' criterion that names an award criterion names one of them
 * (an empty mapping is fine: that criterion lies outside the award criteria, and the advice says
 * so). When the tender announced the evening, where it did.
 */
export function awardProblems(award: AwardFrame, criteria: readonly Criterion[]): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (award.criteria.length > 0) {
    const total = Math.round(award.criteria.reduce((sum, c) => sum + c.weight, 0) * 100) / 100;
    if (total !== 100) problems.push({ code: 'award', ...problem('awardWeightsTotal', { total }) });
    const names = new Set(award.criteria.map((c) => c.name));
    for (const criterion of criteria) {
      if (criterion.awardCriterion !== '' && !names.has(criterion.awardCriterion)) {
        problems.push({ code: 'award', ...problem('awardCriterionUnknown', { criterion: criterion.name, award: criterion.awardCriterion }) });
      }
    }
  }
  if (award.eveningAnnounced === 'yes' && award.announcedWhere.trim() === '') {
    problems.push({ code: 'award', ...problem('awardAnnouncedWhereMissing') });
  }
  return problems;
}
