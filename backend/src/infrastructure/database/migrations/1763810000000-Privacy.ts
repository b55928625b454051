import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Privacy and visibility: the code of the network address each phone joined from (never the
 * address), the attendance the organisers expect, and the masked remarks kept once the raw
 * remarks are deleted by retention. Portable like the others (sqlite and PostgreSQL).
 */
export class Privacy1763810000000 implements MigrationInterface {
  name = 'Privacy1763810000000';

  async up(q: QueryRunner): Promise<void> {
    const eveningFk = () => new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await q.addColumn('attendee', new TableColumn({ name: 'joinAddress', type: 'varchar', length: '16', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'join_watch',
        columns: [
          { name: 'eveningId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'expectedAttendance', type: 'integer', isNullable: true },
        ],
        foreignKeys: [eveningFk()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kept_remark',
        columns: [
          { name: 'eveningId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'bidderId', type: 'varchar', length: '36' },
          { name: 'text', type: 'text' },
        ],
        foreignKeys: [eveningFk()],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('kept_remark');
    await q.dropTable('join_watch');
    await q.dropColumn('attendee', 'joinAddress');
  }
}
