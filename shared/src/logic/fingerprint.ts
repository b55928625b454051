import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { isEmptyAwardFrame, type AwardFrame, type Bidder, type Criterion, type LotDraw, type OrderMethod, type Scale, type Tender } from '../domain/setup';
import { declarationsRecorded, normaliseDeclarations, type Declarations } from '../domain/procedure';

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
  draw: (Pick<LotDraw, 'seed' | 'algorithm' | 'result'> & { commitReveal?: LotDraw['commitReveal'] }) | null;
  /** Declarations of interest; written into the canonical text only when any were recorded (older setups keep their fingerprint). */
  declarations?: Declarations;
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
    runningOrder: { method: setup.orderMethod, draw: setup.draw ? drawPart(setup.draw) : null },
    ...awardPart(setup.award),
    ...(setup.declarations && declarationsRecorded(setup.declarations) ? { declarations: normaliseDeclarations(setup.declarations) } : {}),
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

/**
 * The draw as the canonical text states it: seed, algorithm and result, and for a committed draw
 * the commitment, the revealed seed and the contributions (left out for other draws, whose
 * fingerprints stay what they were).
 */
function drawPart(draw: NonNullable<FrozenSetup['draw']>): Record<string, unknown> {
  const out: Record<string, unknown> = { seed: draw.seed, algorithm: draw.algorithm, result: draw.result };
  const c = draw.commitReveal;
  if (c) {
    out.commitReveal = {
      scheme: c.scheme,
      commitment: c.hash,
      committedAt: c.committedAt,
      revealedSeed: c.revealedSeed,
      contributions: c.contributions.map((x) => ({ text: x.text, by: x.by, addedAt: x.addedAt })),
    };
  }
  return out;
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
