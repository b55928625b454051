import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EveningLogEntity, LiveStateEntity, PitchStateEntity } from '../infrastructure/database/schema/live';

/** The stored live state's reads for other features: an evening's phase, its pitches and its log. */
@Injectable()
export class LiveQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The evening's stored live state (phase, current pitch), or null before it was ever started. */
  state(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<LiveStateEntity | null> {
    return m.findOneBy(LiveStateEntity, { eveningId });
  }

  /** When each ended evening ended, by evening id. */
  async endedAt(): Promise<Map<string, Date>> {
    const rows = await this.dataSource.manager.find(LiveStateEntity, { where: { phase: 'ended' }, select: { eveningId: true, endedAt: true } });
    return new Map(rows.filter((r) => r.endedAt).map((r) => [r.eveningId, r.endedAt!]));
  }

  /** The stored state of each of the evening's pitches (scoring opened, closed, skipped). */
  pitches(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<PitchStateEntity[]> {
    return m.findBy(PitchStateEntity, { eveningId });
  }

  /** The entries of the evening's log of these types (sequence, type, detail and time only). */
  logOf(eveningId: string, types: readonly EveningLogEntity['type'][], m: EntityManager = this.dataSource.manager): Promise<EveningLogEntity[]> {
    return m.find(EveningLogEntity, { where: { eveningId, type: In([...types]) }, select: { sequence: true, type: true, detail: true, at: true } });
  }

  /** The evening's log of host commands, in the order they happened. */
  log(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<EveningLogEntity[]> {
    return m.find(EveningLogEntity, { where: { eveningId }, order: { sequence: 'ASC' } });
  }
}
