import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PROCEDURE_LIMITS, problem, type AuditDetail, type Incident } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { requireEvening } from '../evenings/evening.store';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { IncidentEntity } from '../infrastructure/database/schema/procedure';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';
import { badRequest, conflict, notFound } from '../platform/common/app-error';
import type { IncidentDto } from './dto/incident.dto';
import { IncidentsQuery } from './incidents.query';

/**
 * Incidents the organisers record about an evening: from the freeze (the evening can start) until
 * the first version of the advice is issued, which prints them. Every record, change and removal
 * is an entry in the audit trail with the texts before and after.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
    private readonly query: IncidentsQuery,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(actor: Actor, eveningId: string): Promise<Incident[]> {
    const evening = await requireEvening(actor, eveningId, 'read', this.dataSource.manager);
    return this.query.forEvening(evening.id);
  }

  async add(actor: Actor, eveningId: string, dto: IncidentDto): Promise<Incident[]> {
    return this.change(actor, eveningId, async (m) => {
      const count = await m.countBy(IncidentEntity, { eveningId });
      if (count >= PROCEDURE_LIMITS.incidentsMax) throw badRequest('VALIDATION_FAILED', problem('procedure.incidentsMax', { max: PROCEDURE_LIMITS.incidentsMax }));
      const now = new Date();
      const row: IncidentEntity = {
        id: randomUUID(),
        eveningId,
        at: new Date(dto.at),
        what: dto.what,
        effect: dto.effect,
        measure: dto.measure,
        recordedById: actor.organiserId,
        recordedByName: actor.displayName,
        recordedAt: now,
        updatedAt: now,
      };
      await m.insert(IncidentEntity, row);
      return { type: 'incident-recorded', detail: { incidentId: row.id, ...texts(row, 'after') } };
    });
  }

  async update(actor: Actor, eveningId: string, incidentId: string, dto: IncidentDto): Promise<Incident[]> {
    return this.change(actor, eveningId, async (m) => {
      const row = await m.findOneBy(IncidentEntity, { id: incidentId, eveningId });
      if (!row) throw notFound('incident');
      const before = texts(row, 'before');
      Object.assign(row, { at: new Date(dto.at), what: dto.what, effect: dto.effect, measure: dto.measure, updatedAt: new Date() });
      await m.save(row);
      return { type: 'incident-changed', detail: { incidentId, ...before, ...texts(row, 'after') } };
    });
  }

  async remove(actor: Actor, eveningId: string, incidentId: string): Promise<Incident[]> {
    return this.change(actor, eveningId, async (m) => {
      const row = await m.findOneBy(IncidentEntity, { id: incidentId, eveningId });
      if (!row) throw notFound('incident');
      await m.delete(IncidentEntity, { id: incidentId });
      return { type: 'incident-removed', detail: { incidentId, ...texts(row, 'before') } };
    });
  }

  /** One change in one transaction with its audit entry; the access check comes first. */
  private async change(actor: Actor, eveningId: string, work: (m: EntityManager) => Promise<{ type: 'incident-recorded' | 'incident-changed' | 'incident-removed'; detail: AuditDetail }>): Promise<Incident[]> {
    return this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'run', m);
      assertRecordable(evening);
      const entry = await work(m);
      await this.audit.append(m, eveningId, [{ type: entry.type, actor: actor.organiserId, detail: entry.detail }]);
      return this.query.forEvening(eveningId, m);
    });
  }
}

function assertRecordable(evening: EveningEntity): void {
  if (!evening.frozenAt) throw conflict('INVALID_STATE', problem('procedure.incidentsBeforeFreeze'));
  if (evening.sealedAt) throw conflict('EVENING_SEALED', problem('procedure.incidentsSealed'));
}

function texts(row: IncidentEntity, suffix: 'before' | 'after'): AuditDetail {
  return {
    [`at.${suffix}`]: row.at.toISOString(),
    [`what.${suffix}`]: row.what,
    [`effect.${suffix}`]: row.effect,
    [`measure.${suffix}`]: row.measure,
  };
}
