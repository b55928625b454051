import { fillTemplate, type ErrorParams } from '../api/errors';

/**
 * Every sentence the verifier says about an evening, as a stable reason with its English
 * template; `{name}` is a parameter. The committee page and the audit page render them from the
 * locale files (`verify.note.<reason>` in frontend/src/locales/{nl,en}.json, with plurals where
 * a number is counted); the English text stays in the report for API clients and `npm run verify`.
 * A unit test walks every reason in both languages.
 */
export const VERIFY_REASONS = {
  // what a check found when everything matches
  chainOk: '{count} entries, each linked to the one before and matching its hash',
  ballotsOk: '{count} stored ballots, each matching the hash logged when it was accepted',
  ballotsOkAfterRetention:
    '{count} stored ballots; retention deleted their remarks (entry {entry}) after checking each against the hash logged when it was accepted, and they match the digest logged then',
  tallyOk: 'the final phone tally of {count} pitches recomputes from the ballots',
  tallyNotYet: 'the evening has not ended: no final tally logged yet',
  paperOk: '{count} paper card entries, each matching its logged hash, all typed before the evening ended, on cards that existed when their pitch started',
  adviceNone: 'no advice issued yet',
  adviceOk: '{count} issued version(s) match their logged hashes and the ballots still give the latest record',
  adviceOkWithHeads:
    '{count} issued version(s) match their logged hashes, the audit entry each printed as the head of this trail is in it with that hash, and the ballots still give the latest record',
  adviceOkOlderFormat:
    '{count} issued version(s) match their logged hashes; the latest record has format version {format}, and the ballots it holds are exactly the stored ballots',
  // the chain
  chainDuplicate: 'expected entry {expected} here: a sequence number appears twice',
  chainMissing: 'expected entry {expected} here: an entry is missing',
  chainPreviousHash: 'its previous hash does not match the entry before it',
  chainContent: 'its content does not match its hash (the entry was changed)',
  // ballots
  ballotMissing: 'ballot {id} is missing from the ballot table',
  ballotChanged: 'the stored ballot {id} does not match the hash logged when it was accepted (the ballot was changed)',
  ballotNotLogged: 'ballot {id} is stored but was never logged',
  retentionBallotsMismatched: '{count} ballots did not match their logged hash when retention deleted the remarks',
  retentionBallotsDigest: 'the stored ballots no longer match the digest logged when retention deleted the remarks (a ballot was changed)',
  ballotRemarkAgain: 'ballot {id} has a remark again after retention deleted them',
  // ballots that arrived after scoring closed
  lateOk: '{count} ballots arrived after scoring for their pitch closed, each logged when it arrived, and none of them is counted',
  lateMissing: 'ballot {id} is logged as arriving too late, but its note is missing or names another pitch',
  lateNotLogged: 'ballot {id} is noted as arriving too late but was never logged',
  lateWhileOpen: 'ballot {id} is logged as arriving too late while scoring for its pitch was open',
  lateCounted: 'ballot {id} is logged as arriving too late, but is stored as a counted ballot',
  // the tally
  tallyDiffers: 'the ballots give {counted} counted phone ballots for bidder {bidder}, the log says {logged}',
  // paper cards
  paperTypedAfterEnd: 'card {card} was typed in after the evening ended (entry {ended}), when the results could be known',
  paperWithdrawnAfterEnd: 'a paper entry was withdrawn after the evening ended (entry {ended}), when the results could be known',
  paperMissing: 'paper entry {id} is missing',
  paperChanged: 'paper entry {id} was changed after it was typed in',
  paperCardNotPrinted: 'card {card} was typed in, but only {printed} cards existed when its pitch started',
  paperNotLogged: 'paper entry {id} is stored but was never logged',
  paperWithdrawnUnlogged: 'paper entry {id} is withdrawn without a logged withdrawal',
  paperCountsAgain: 'paper entry {id} is logged as withdrawn but counts again',
  retentionPaperMismatched: '{count} paper entries did not match their logged hash when retention deleted the remarks',
  retentionPaperDigest: 'the stored paper entries no longer match the digest logged when retention deleted the remarks (a paper entry was changed)',
  paperRemarkAgain: 'paper entry {id} has a remark again after retention deleted them',
  // the advice
  adviceVersionMissing: 'advice version {version} is missing',
  adviceHashesDiffer: 'advice version {version} lists other record or results hashes than were logged when it was issued',
  advicePrintedHead: 'advice version {version} prints entry {printed} as the head of this trail, but that entry is not in it with the hash printed, or does not come before the version was issued',
  adviceRecordChanged: 'the stored ballots no longer give the record advice version {version} was issued with (record SHA-256 now {sha})',
} as const;
export type VerifyReason = keyof typeof VERIFY_REASONS;

/** One sentence of the verifier: its reason and parameters, the entry it concerns (when one does), and the English text. */
export interface VerifyNote {
  reason: VerifyReason;
  params?: ErrorParams;
  /** The audit entry the sentence is about; absent for rows that were never logged and for an outcome. */
  sequence?: number;
  message: string;
}

/** A verifier sentence with its English text filled in. */
export function verifyNote(reason: VerifyReason, params?: ErrorParams, sequence?: number): VerifyNote {
  return {
    reason,
    ...(params ? { params } : {}),
    ...(sequence !== undefined && sequence > 0 ? { sequence } : {}),
    message: fillTemplate(VERIFY_REASONS[reason], params),
  };
}
