import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Announcement and sign-up (aanmelden): per evening a public page with its own code, capacity and
 * rules, and the residents' sign-ups (name, optional e-mail, people coming along, waiting list,
 * arrival). Deleting an evening deletes both. Portable like the others (sqlite and PostgreSQL).
 */
export class Signup1763855000000 implements MigrationInterface {
  name = 'Signup1763855000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: primary });
    const evening = new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await q.createTable(
      new Table({
        name: 'signup_page',
        columns: [
          ref('eveningId', true),
          { name: 'code', type: 'varchar', length: '16' },
          { name: 'open', type: 'boolean', default: false },
          { name: 'capacity', type: 'integer', isNullable: true },
          { name: 'nameOnly', type: 'boolean', default: false },
          { name: 'address', type: 'varchar', length: '300', default: "''" },
          { name: 'accessibility', type: 'text', default: "''" },
          { name: 'about', type: 'text', default: "''" },
          { name: 'updatedAt', type: dateType },
        ],
        indices: [{ columnNames: ['code'], isUnique: true }],
        foreignKeys: [evening],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signup',
        columns: [
          ref('id', true),
          ref('eveningId'),
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'guests', type: 'integer', default: 0 },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'createdAt', type: dateType },
          { name: 'cancelledAt', type: dateType, isNullable: true },
          { name: 'arrivedAt', type: dateType, isNullable: true },
        ],
        indices: [{ columnNames: ['tokenHash'], isUnique: true }, { columnNames: ['eveningId', 'createdAt'] }],
        foreignKeys: [new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signup');
    await q.dropTable('signup_page');
  }
}
