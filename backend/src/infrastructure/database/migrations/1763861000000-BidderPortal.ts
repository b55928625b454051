import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The bidders' own page (issue 17): per bidder a personal link (only its SHA-256 stored, revocable,
 * with its openings and the bidder's contact e-mail), and on the bidder the answer it gave on its
 * page (confirmed or declined). Deleting a bidder or an evening deletes its links. Portable like the
 * others (sqlite and PostgreSQL).
 */
export class BidderPortal1763861000000 implements MigrationInterface {
  name = 'BidderPortal1763861000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    await q.addColumn('bidder', new TableColumn({ name: 'response', type: 'varchar', length: '10', isNullable: true }));
    await q.addColumn('bidder', new TableColumn({ name: 'respondedAt', type: dateType, isNullable: true }));
    await q.createTable(
      new Table({
        name: 'bidder_link',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'eveningId', type: 'varchar', length: '36' },
          { name: 'bidderId', type: 'varchar', length: '36' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'createdAt', type: dateType },
          { name: 'createdByName', type: 'varchar', length: '120' },
          { name: 'expiresAt', type: dateType },
          { name: 'revokedAt', type: dateType, isNullable: true },
          { name: 'firstOpenedAt', type: dateType, isNullable: true },
          { name: 'lastOpenedAt', type: dateType, isNullable: true },
          { name: 'openings', type: 'integer', default: 0 },
          { name: 'lastChangeAt', type: dateType, isNullable: true },
          { name: 'lastChangeFields', type: 'text', isNullable: true },
        ],
        indices: [{ columnNames: ['tokenHash'], isUnique: true }, { columnNames: ['eveningId', 'bidderId', 'createdAt'] }],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['bidderId'], referencedTableName: 'bidder', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('bidder_link');
    await q.dropColumn('bidder', 'respondedAt');
    await q.dropColumn('bidder', 'response');
  }
}
