import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The presence rule's grace: minutes after a pitch's start within which a phone may still join
 * and score it. Frozen evenings keep the rule they were frozen with (0: only phones there at the
 * start), so their frames and fingerprints do not change; drafts get the new default of 5 minutes,
 * which the organisers see and can change in *Wie mag stemmen* before they freeze.
 * Portable like the others (sqlite and PostgreSQL).
 */
export class PresenceGrace1763835000000 implements MigrationInterface {
  name = 'PresenceGrace1763835000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('evening', new TableColumn({ name: 'presenceGraceMinutes', type: 'integer', default: 0 }));
    const schema = (q.connection.options as { schema?: string }).schema;
    const evening = schema ? `"${schema}"."evening"` : `"evening"`;
    await q.query(`UPDATE ${evening} SET "presenceGraceMinutes" = 5 WHERE "frozenAt" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evening', 'presenceGraceMinutes');
  }
}
