import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Commit-reveal lot draws: the evening keeps the commitment to the next draw's seed (its SHA-256,
 * when and by whom, and the contributions added since) until the draw; a committed draw keeps the
 * commitment, the revealed seed and the contributions. Null for everything before.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class DrawCommitment1763841000000 implements MigrationInterface {
  name = 'DrawCommitment1763841000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('evening', new TableColumn({ name: 'drawCommitment', type: 'text', isNullable: true }));
    await q.addColumn('lot_draw', new TableColumn({ name: 'commitReveal', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('lot_draw', 'commitReveal');
    await q.dropColumn('evening', 'drawCommitment');
  }
}
