import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { isEmptyAwardFrame, type AwardFrame, type Bidder, type Criterion, type LotDraw, type OrderMethod, type Scale, type Tender } from '../domain/setup';

/** Everything the freeze fixes: what the residents score, against what, in which order. */
export interface FrozenSetup {
  eveningId: string;
  tender: Tender;
  /**
   * The tender's award criteria, where they were published and whether the tender announced the
   * evening. Absent (or empty) for evenings set up before the award frame existed: then the
   * canonical text has no `award` key, so their fingerprints stay what they were.
   */
  award?: AwardFrame;
  scale: Scale;
  bidders: Bidder[];
  criteria: Criterion[];
  orderMethod: OrderMethod;
  /** The draw that set the running order, when it was drawn by lot. */
  draw: Pick<LotDraw, 'seed' | 'algorithm' | 'result'> | null;
}

export const FINGERPRINT_FORMAT_VERSION = 1;

/**
 * The canonical serialisation of a setup: JSON canonicalised per RFC 8785 (JCS): keys sorted,
 * no whitespace, numbers in their shortest form. Bidders and criteria are listed by position,
 * so the order of the input arrays does not matter but the running order does.
 */
export function canonicalSetup(setup: FrozenSetup): string {
  const doc = {
    format: 'buurtjury-setup',
    version: FINGERPRINT_FORMAT_VERSION,
    eveningId: setup.eveningId,
    tender: { ...setup.tender },
    scale: { kind: setup.scale.kind, levels: [...setup.scale.levels].sort((a, b) => b.value - a.value) },
    bidders: [...setup.bidders].sort((a, b) => a.position - b.position),
    criteria: [...setup.criteria].sort((a, b) => a.position - b.position),
    runningOrder: { method: setup.orderMethod, draw: setup.draw ? { ...setup.draw } : null },
    ...awardPart(setup.award),
  };
  const text = canonicalize(doc);
  if (text === undefined) throw new Error('setup cannot be serialised');
  return text;
}

/**
 * The award frame as the canonical text states it: written only when something of it was
 * recorded, award criteria in their published order.
 */
function awardPart(award: AwardFrame | undefined): { award?: AwardFrame } {
  if (!award || isEmptyAwardFrame(award)) return {};
  return {
    award: {
      criteria: award.criteria.map((c) => ({ name: c.name, weight: c.weight, description: c.description })),
      publishedIn: award.publishedIn,
      eveningAnnounced: award.eveningAnnounced,
      announcedWhere: award.announcedWhere,
    },
  };
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 (lower-case hex) of the canonical serialisation. */
export function setupFingerprint(setup: FrozenSetup): string {
  return sha256Hex(canonicalSetup(setup));
}

/** Groups a fingerprint in blocks of 4 so people can read it aloud and compare it on paper. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}
