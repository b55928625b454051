import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { auditEntryHash, GENESIS_HASH, type AuditDetail } from '@buurtjury/shared';

/**
 * Integrity of the evening: invitation roles (moderator), the evening's rules (access mode,
 * presence rule, paper cards), tickets, paper card entries, and the hash chain over the
 * existing evening log (entries written before this migration are chained in their order).
 */
export class Integrity1763780000000 implements MigrationInterface {
  name = 'Integrity1763780000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });
    const str = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length) });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: dateType, isNullable: nullable });
    const eveningFk = () => new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await q.addColumn('invitation', new TableColumn({ name: 'role', type: 'varchar', length: '20', default: "'co-organiser'" }));
    await q.addColumns('evening', [
      new TableColumn({ name: 'accessMode', type: 'varchar', length: '10', default: "'open'" }),
      new TableColumn({ name: 'presenceRule', type: 'boolean', default: true }),
      new TableColumn({ name: 'paperCardsPerPitch', type: 'integer', default: 0 }),
    ]);
    await q.addColumns('evening_log', [
      new TableColumn({ name: 'previousHash', type: 'varchar', length: '64', default: "''" }),
      new TableColumn({ name: 'hash', type: 'varchar', length: '64', default: "''" }),
    ]);
    await this.chainExistingLog(q);

    await q.createTable(
      new Table({
        name: 'ticket',
        columns: [ref('id', false, true), ref('eveningId'), int('number'), str('code', 16), ref('attendeeId', true), date('usedAt', true), date('releasedAt', true), date('createdAt')],
        indices: [
          { columnNames: ['eveningId', 'number'], isUnique: true },
          { columnNames: ['eveningId', 'code'], isUnique: true },
        ],
        foreignKeys: [eveningFk()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'paper_entry',
        columns: [
          ref('id', false, true),
          ref('eveningId'),
          ref('bidderId'),
          int('cardNumber'),
          ref('enteredById'),
          str('enteredByName', 120),
          { name: 'grades', type: 'text' },
          { name: 'remark', type: 'text' },
          date('enteredAt'),
          date('withdrawnAt', true),
        ],
        indices: [{ columnNames: ['eveningId', 'bidderId', 'cardNumber'] }],
        foreignKeys: [eveningFk()],
      }),
    );
  }

  /** Links the entries logged before the chain existed, per evening in sequence order. */
  private async chainExistingLog(q: QueryRunner): Promise<void> {
    // Raw SQL does not get the configured schema (PostgreSQL) the way TypeORM's table API does.
    const schema = (q.connection.options as { schema?: string }).schema;
    const table = schema ? `"${schema}"."evening_log"` : '"evening_log"';
    const rows = (await q.query(`SELECT "id", "eveningId", "sequence", "type", "actor", "detail", "at" FROM ${table} ORDER BY "eveningId", "sequence"`)) as {
      id: string;
      eveningId: string;
      sequence: number;
      type: string;
      actor: string;
      detail: string;
      at: string | Date;
    }[];
    let evening = '';
    let previousHash = GENESIS_HASH;
    for (const row of rows) {
      if (row.eveningId !== evening) {
        evening = row.eveningId;
        previousHash = GENESIS_HASH;
      }
      // sqlite keeps "YYYY-MM-DD HH:MM:SS.SSS" in UTC; PostgreSQL returns a Date.
      const at = row.at instanceof Date ? row.at : new Date(`${row.at.replace(' ', 'T')}Z`);
      const hash = auditEntryHash(previousHash, {
        eveningId: row.eveningId,
        sequence: Number(row.sequence),
        type: row.type,
        actor: row.actor,
        detail: JSON.parse(row.detail) as AuditDetail,
        at: at.toISOString(),
      });
      const p = (i: number) => q.connection.driver.createParameter(`p${i}`, i - 1);
      await q.query(`UPDATE ${table} SET "previousHash" = ${p(1)}, "hash" = ${p(2)} WHERE "id" = ${p(3)}`, [previousHash, hash, row.id]);
      previousHash = hash;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('paper_entry');
    await q.dropTable('ticket');
    await q.dropColumns('evening_log', ['previousHash', 'hash']);
    await q.dropColumns('evening', ['accessMode', 'presenceRule', 'paperCardsPerPitch']);
    await q.dropColumn('invitation', 'role');
  }
}
