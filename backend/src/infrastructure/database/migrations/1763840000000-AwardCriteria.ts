import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The tender's award frame in the setup: its own award criteria with their published weights
 * (JSON list), where they were published, and whether and where the tender documents announced the
 * resident evening. Existing evenings get an empty frame (no criteria, announcement unknown), which
 * the setup's canonical text leaves out, so their fingerprints do not change.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class AwardCriteria1763840000000 implements MigrationInterface {
  name = 'AwardCriteria1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('evening', new TableColumn({ name: 'awardCriteria', type: 'text', default: "'[]'" }));
    await q.addColumn('evening', new TableColumn({ name: 'awardPublishedIn', type: 'text', default: "''" }));
    await q.addColumn('evening', new TableColumn({ name: 'eveningAnnounced', type: 'varchar', length: '10', default: "'unknown'" }));
    await q.addColumn('evening', new TableColumn({ name: 'eveningAnnouncedWhere', type: 'text', default: "''" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evening', 'eveningAnnouncedWhere');
    await q.dropColumn('evening', 'eveningAnnounced');
    await q.dropColumn('evening', 'awardPublishedIn');
    await q.dropColumn('evening', 'awardCriteria');
  }
}
