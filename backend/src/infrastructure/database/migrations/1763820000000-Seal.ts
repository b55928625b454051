import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The seal: when the first advice version is issued, the evening's frame (setup + title, date,
 * start time, venue, language and rules) is stored with its fingerprint and those details can no
 * longer change. Evenings that already have an issued version are sealed from that version's
 * date on, without a frame (their versions keep verifying by the setup fingerprint, as before).
 * Portable like the others (sqlite and PostgreSQL).
 */
export class Seal1763820000000 implements MigrationInterface {
  name = 'Seal1763820000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    await q.addColumn('evening', new TableColumn({ name: 'sealedAt', type: dateType, isNullable: true }));
    await q.addColumn('evening', new TableColumn({ name: 'frameCanonical', type: 'text', isNullable: true }));
    await q.addColumn('evening', new TableColumn({ name: 'frameFingerprint', type: 'varchar', length: '64', isNullable: true }));
    await q.addColumn('advice_version', new TableColumn({ name: 'frameFingerprint', type: 'varchar', length: '64', isNullable: true }));
    await q.addColumn('committee_link', new TableColumn({ name: 'printedInVersion', type: 'integer', isNullable: true }));
    // Schema-qualified on PostgreSQL when the connection names a schema.
    const schema = (q.connection.options as { schema?: string }).schema;
    const table = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
    await q.query(
      `UPDATE ${table('evening')} SET "sealedAt" = (SELECT MIN(v."issuedAt") FROM ${table('advice_version')} v WHERE v."eveningId" = ${table('evening')}."id") ` +
        `WHERE EXISTS (SELECT 1 FROM ${table('advice_version')} v WHERE v."eveningId" = ${table('evening')}."id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('committee_link', 'printedInVersion');
    await q.dropColumn('advice_version', 'frameFingerprint');
    await q.dropColumn('evening', 'frameFingerprint');
    await q.dropColumn('evening', 'frameCanonical');
    await q.dropColumn('evening', 'sealedAt');
  }
}
