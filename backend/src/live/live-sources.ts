import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChangeHorizon } from '../infrastructure/database/change-horizon';
import type { AttendeeEntity, TieDeclarationEntity } from '../infrastructure/database/schema/attendees';
import type { BallotEntity, LateBallotEntity } from '../infrastructure/database/schema/ballots';
import type { PaperEntryEntity } from '../infrastructure/database/schema/paper';

/**
 * What the features above the registry store about a running evening, read through their own
 * query classes. The registry sits below them (they all use it), so it cannot import them: each
 * owner provides its part here when it starts, and the registry reads every part through it.
 */
export interface LiveSourceMap {
  /**
   * The evening's attendees written since the horizon (every one when null), and whole: their tie
   * declarations and the token hashes of phones whose ticket was released (attendees).
   */
  attendees: (m: EntityManager, eveningId: string, since: ChangeHorizon) => Promise<{ attendees: AttendeeEntity[]; ties: TieDeclarationEntity[]; releasedTokenHashes: string[] }>;
  /** The stored ballots of the evening with a serial above `afterSerial`, in serial order, and every note of a late one (ballots). */
  ballots: (m: EntityManager, eveningId: string, afterSerial: number) => Promise<{ ballots: BallotEntity[]; late: LateBallotEntity[] }>;
  /** The paper entries not withdrawn (paper). */
  paper: (m: EntityManager, eveningId: string) => Promise<PaperEntryEntity[]>;
  /** Phones whose latest stored ballot for the pitch counts (no tie declared for it), as stored by every node, in the caller's transaction (ballots). */
  countedPhones: (m: EntityManager, eveningId: string, bidderId: string) => Promise<number>;
}

@Injectable()
export class LiveSources {
  private readonly sources: Partial<LiveSourceMap> = {};

  provide<K extends keyof LiveSourceMap>(key: K, source: LiveSourceMap[K]): void {
    if (this.sources[key]) throw new Error(`The running evening's ${key} are provided twice`);
    this.sources[key] = source;
  }

  /** The part's reader; a part nobody provides is a wiring fault, never silently empty. */
  get<K extends keyof LiveSourceMap>(key: K): LiveSourceMap[K] {
    const source = this.sources[key];
    if (!source) throw new Error(`No feature provides the running evening's ${key}`);
    return source;
  }
}
