import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Retention: an attendee's token hash may be cleared (the link between a phone and its ballots
 * is deleted after the retention period), and each evening whose personal data was deleted is
 * marked once. Portable like the others.
 */
export class Retention1763790000000 implements MigrationInterface {
  name = 'Retention1763790000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    await q.changeColumn('attendee', 'tokenHash', new TableColumn({ name: 'tokenHash', type: 'varchar', length: '64', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'evening_purge',
        columns: [
          { name: 'eveningId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'purgedAt', type: dateType },
          { name: 'retentionDays', type: 'integer' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evening_purge');
    // Purged attendees have no token hash; they can no longer connect anyway, so a placeholder keeps the column NOT NULL.
    await q.query(`UPDATE "attendee" SET "tokenHash" = 'purged:' || "id" WHERE "tokenHash" IS NULL`);
    await q.changeColumn('attendee', 'tokenHash', new TableColumn({ name: 'tokenHash', type: 'varchar', length: '64', isNullable: false }));
  }
}
