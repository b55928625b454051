import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ticketCodeHash } from '../../../tickets/ticket-code';

/**
 * Accounts and ballot secrecy: removed members (kept for the audit trails' names), a record of
 * changes to the network's accounts, ticket codes kept only as a hash (existing cards keep
 * working: their codes are hashed here), the phone a released ticket moved to (ballots from
 * before it are not shown on it), and the tokens of phones whose ticket was released (so such a
 * phone is told why it is out). Portable like the others.
 */
export class AccountsAndTickets1763800000000 implements MigrationInterface {
  name = 'AccountsAndTickets1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const eveningFk = () => new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await q.addColumn('organiser', new TableColumn({ name: 'removedAt', type: dateType, isNullable: true }));
    await q.createTable(
      new Table({
        name: 'network_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'networkId', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '30' },
          { name: 'actorName', type: 'varchar', length: '120' },
          { name: 'subjectName', type: 'varchar', length: '120' },
          { name: 'detail', type: 'text' },
          { name: 'at', type: dateType },
        ],
        indices: [{ columnNames: ['networkId'] }],
        foreignKeys: [new TableForeignKey({ columnNames: ['networkId'], referencedTableName: 'network', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    await q.addColumn('attendee', new TableColumn({ name: 'phoneSinceSerial', type: 'integer', default: 0 }));
    await q.createTable(
      new Table({
        name: 'released_phone',
        columns: [
          { name: 'tokenHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'eveningId', type: 'varchar', length: '36' },
          { name: 'releasedAt', type: dateType },
        ],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [eveningFk()],
      }),
    );

    // Ticket codes: hash the existing ones, then drop the readable column.
    await q.addColumns('ticket', [
      new TableColumn({ name: 'codeHash', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'issuedAt', type: dateType, isNullable: true }),
      new TableColumn({ name: 'reissued', type: 'integer', default: 0 }),
    ]);
    const table = this.table(q, 'ticket');
    const p = (i: number) => q.connection.driver.createParameter(`p${i}`, i - 1);
    const tickets = (await q.query(`SELECT "id", "eveningId", "code" FROM ${table}`)) as { id: string; eveningId: string; code: string }[];
    for (const t of tickets) {
      await q.query(`UPDATE ${table} SET "codeHash" = ${p(1)} WHERE "id" = ${p(2)}`, [ticketCodeHash(t.eveningId, t.code), t.id]);
    }
    await q.query(`UPDATE ${table} SET "issuedAt" = "createdAt"`);
    const ticketTable = (await q.getTable('ticket'))!;
    const codeIndex = ticketTable.indices.find((i) => i.columnNames.includes('code'));
    if (codeIndex) await q.dropIndex(ticketTable, codeIndex);
    await q.dropColumn('ticket', 'code');
    await q.changeColumn('ticket', 'codeHash', new TableColumn({ name: 'codeHash', type: 'varchar', length: '64', isNullable: false }));
    await q.changeColumn('ticket', 'issuedAt', new TableColumn({ name: 'issuedAt', type: dateType, isNullable: false }));
    await q.createIndex('ticket', new TableIndex({ columnNames: ['eveningId', 'codeHash'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    // The codes cannot come back: printed cards stop working after a downgrade (each ticket gets a placeholder).
    const ticketTable = (await q.getTable('ticket'))!;
    const hashIndex = ticketTable.indices.find((i) => i.columnNames.includes('codeHash'));
    if (hashIndex) await q.dropIndex(ticketTable, hashIndex);
    await q.addColumn('ticket', new TableColumn({ name: 'code', type: 'varchar', length: '16', default: "''" }));
    await q.query(`UPDATE ${this.table(q, 'ticket')} SET "code" = 'VOID' || CAST("number" AS varchar(8))`);
    await q.dropColumns('ticket', ['codeHash', 'issuedAt', 'reissued']);
    await q.createIndex('ticket', new TableIndex({ columnNames: ['eveningId', 'code'], isUnique: true }));
    await q.dropTable('released_phone');
    await q.dropColumn('attendee', 'phoneSinceSerial');
    await q.dropTable('network_event');
    await q.dropColumn('organiser', 'removedAt');
  }

  /** Raw SQL does not get the configured schema (PostgreSQL) the way TypeORM's table API does. */
  private table(q: QueryRunner, name: string): string {
    const schema = (q.connection.options as { schema?: string }).schema;
    return schema ? `"${schema}"."${name}"` : `"${name}"`;
  }
}
