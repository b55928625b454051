import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Ballots that arrived after scoring for their pitch closed: a note per phone and pitch (no
 * grades), so the console, the audit trail and the advice can say how many arrived too late.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class LateBallots1763830000000 implements MigrationInterface {
  name = 'LateBallots1763830000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: primary });
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await q.createTable(
      new Table({
        name: 'late_ballot',
        columns: [ref('id', true), ref('eveningId'), ref('bidderId'), ref('attendeeId'), { name: 'receivedAt', type: dateType }],
        indices: [{ columnNames: ['eveningId'] }, { columnNames: ['attendeeId', 'bidderId'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening'), fk('bidderId', 'bidder'), fk('attendeeId', 'attendee')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('late_ballot');
  }
}
