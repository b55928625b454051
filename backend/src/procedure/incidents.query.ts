import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Incident } from '@buurtjury/shared';
import { IncidentEntity } from '../infrastructure/database/schema/procedure';

export const toIncident = (x: IncidentEntity): Incident => ({
  id: x.id,
  at: x.at.toISOString(),
  what: x.what,
  effect: x.effect,
  measure: x.measure,
  recordedBy: x.recordedByName,
  recordedAt: x.recordedAt.toISOString(),
  updatedAt: x.updatedAt.toISOString(),
});

/** The incidents' reads for other features (the advice prints them). Owns the incident table. */
@Injectable()
export class IncidentsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The evening's incidents in time order (then in the order they were recorded). */
  async forEvening(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<Incident[]> {
    const rows = await m.find(IncidentEntity, { where: { eveningId }, order: { at: 'ASC', recordedAt: 'ASC' } });
    return rows.map(toIncident);
  }
}
