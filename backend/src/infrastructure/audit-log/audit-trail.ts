import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditEntry } from '@buurtjury/shared';
import { EveningLogEntity } from '../database/schema/live';

/** Reads an evening's hash-chained log (appending is `AuditLog`'s). */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every entry of the evening's log, oldest first. */
  async entries(eveningId: string): Promise<AuditEntry[]> {
    const rows = await this.dataSource.manager.find(EveningLogEntity, { where: { eveningId }, order: { sequence: 'ASC' } });
    return rows.map(toEntry);
  }
}

function toEntry(row: EveningLogEntity): AuditEntry {
  return {
    eveningId: row.eveningId,
    sequence: row.sequence,
    type: row.type,
    actor: row.actor,
    detail: row.detail,
    at: row.at.toISOString(),
    previousHash: row.previousHash,
    hash: row.hash,
  };
}
