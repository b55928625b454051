import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The account of the procedure: declarations of interest of the network, its moderators and the
 * venue, recorded in the setup (existing evenings: nothing recorded, so their setup fingerprints
 * stay as they are), and the incidents the organisers record during or after the evening.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class Procedure1763845000000 implements MigrationInterface {
  name = 'Procedure1763845000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('evening', new TableColumn({ name: 'declarations', type: 'text', default: `'{"items":[],"noneDeclared":[]}'` }));
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: primary });
    await q.createTable(
      new Table({
        name: 'incident',
        columns: [
          ref('id', true),
          ref('eveningId'),
          { name: 'at', type: dateType },
          { name: 'what', type: 'text' },
          { name: 'effect', type: 'text' },
          { name: 'measure', type: 'text' },
          ref('recordedById'),
          { name: 'recordedByName', type: 'varchar', length: '120' },
          { name: 'recordedAt', type: dateType },
          { name: 'updatedAt', type: dateType },
        ],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('incident');
    await q.dropColumn('evening', 'declarations');
  }
}
