import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Questions from the room: the phones' questions to the bidder on stage, their votes (one per
 * phone and question) and the evening's question settings. Deleting an evening deletes them.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class Questions1763862000000 implements MigrationInterface {
  name = 'Questions1763862000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, primary = false, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: primary, isNullable: nullable });
    const evening = () => new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await q.createTable(
      new Table({
        name: 'question',
        columns: [
          ref('id', true),
          ref('eveningId'),
          ref('bidderId'),
          ref('attendeeId', false, true),
          { name: 'firstName', type: 'varchar', length: '40', default: "''" },
          { name: 'text', type: 'text' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'votes', type: 'integer', default: 0 },
          ref('mergedInto', false, true),
          { name: 'askedAt', type: dateType },
          { name: 'shownAt', type: dateType, isNullable: true },
          { name: 'answeredAt', type: dateType, isNullable: true },
          { name: 'changed', type: 'bigint' },
        ],
        indices: [{ columnNames: ['eveningId', 'bidderId'] }, { columnNames: ['eveningId', 'attendeeId'] }],
        foreignKeys: [evening()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'question_vote',
        columns: [ref('questionId', true), ref('attendeeId', true), ref('eveningId')],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [
          evening(),
          new TableForeignKey({ columnNames: ['questionId'], referencedTableName: 'question', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'question_settings',
        columns: [
          ref('eveningId', true),
          { name: 'preModeration', type: 'boolean', default: true },
          { name: 'duringPitch', type: 'boolean', default: false },
          { name: 'changed', type: 'bigint' },
        ],
        foreignKeys: [evening()],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('question_vote');
    await q.dropTable('question');
    await q.dropTable('question_settings');
  }
}
