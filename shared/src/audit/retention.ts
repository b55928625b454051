/**
 * Retention deletes the raw remarks of an evening's ballots and paper entries, which the hashes
 * logged when they were accepted cover. So that the trail stays verifiable, the deletion first
 * checks every ballot and paper entry against its logged hash, then logs (in its
 * `retention-applied` entry) how many did not match and a digest of what remains: the SHA-256 over
 * every row's hash with its remark emptied. From then on the verifier checks the rows against
 * that digest instead of the hashes logged at acceptance.
 */

import { sha256Hex } from '../logic/fingerprint';
import { ballotHash, paperEntryHash, type HashedBallot, type HashedPaperEntry } from './chain';

function digest(label: string, rows: readonly { id: string; hash: string }[]): string {
  const lines = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => `${r.id} ${r.hash}`);
  return sha256Hex(`buurtjury-${label}\n${lines.join('\n')}`);
}

/** The digest of the ballots as they are after retention: each one's hash with an empty remark. */
export function ballotsDigest(ballots: readonly HashedBallot[]): string {
  return digest('ballots-without-remarks', ballots.map((b) => ({ id: b.id, hash: ballotHash({ ...b, remark: '' }) })));
}

/** The same for paper entries. */
export function paperEntriesDigest(entries: readonly HashedPaperEntry[]): string {
  return digest('paper-without-remarks', entries.map((e) => ({ id: e.id, hash: paperEntryHash({ ...e, remark: '' }) })));
}
