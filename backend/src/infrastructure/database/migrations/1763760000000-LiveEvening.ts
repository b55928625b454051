import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Running state, attendees, tie declarations, ballots and the evening log; portable like the first migration. */
export class LiveEvening1763760000000 implements MigrationInterface {
  name = 'LiveEvening1763760000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });
    const str = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length) });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: dateType, isNullable: nullable });
    const created = (name: string): TableColumnOptions => ({ name, type: dateType, default: 'CURRENT_TIMESTAMP' });
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await q.createTable(
      new Table({
        name: 'live_state',
        columns: [
          ref('eveningId', false, true),
          str('phase', 10),
          ref('currentBidderId', true),
          str('screenView', 10),
          { name: 'liveResults', type: 'boolean' },
          int('revealed'),
          date('startedAt'),
          date('endedAt'),
        ],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pitch_state',
        columns: [
          ref('eveningId', false, true),
          ref('bidderId', false, true),
          str('status', 12),
          date('startedAt'),
          str('scoring', 12),
          date('scoringOpenedAt'),
          date('scoringClosesAt'),
          date('scoringClosedAt'),
        ],
        foreignKeys: [fk('eveningId', 'evening'), fk('bidderId', 'bidder')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evening_log',
        columns: [ref('id', false, true), ref('eveningId'), int('sequence'), str('type', 40), str('actor', 36), { name: 'detail', type: 'text' }, created('at')],
        indices: [{ columnNames: ['eveningId', 'sequence'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attendee',
        columns: [ref('id', false, true), ref('eveningId'), str('tokenHash', 64), str('firstName', 40), created('joinedAt')],
        indices: [{ columnNames: ['eveningId'] }, { columnNames: ['tokenHash'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tie_declaration',
        columns: [ref('attendeeId', false, true), ref('bidderId', false, true), ref('eveningId'), created('declaredAt')],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [fk('attendeeId', 'attendee'), fk('bidderId', 'bidder'), fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ballot',
        columns: [
          ref('id', false, true),
          ref('eveningId'),
          ref('bidderId'),
          ref('attendeeId'),
          int('serial'),
          { name: 'grades', type: 'text' },
          { name: 'remark', type: 'text' },
          str('receipt', 12),
          date('submittedAt', false),
        ],
        indices: [{ columnNames: ['eveningId', 'serial'], isUnique: true }, { columnNames: ['attendeeId', 'bidderId'] }],
        foreignKeys: [fk('eveningId', 'evening'), fk('bidderId', 'bidder'), fk('attendeeId', 'attendee')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ballot', 'tie_declaration', 'attendee', 'evening_log', 'pitch_state', 'live_state']) await q.dropTable(table);
  }
}
