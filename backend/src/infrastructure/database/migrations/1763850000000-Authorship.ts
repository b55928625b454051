import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who says what in the advice: an issued version records who issued it, to whom and where the
 * committee's reply goes (printed on its first page; null for versions issued before), and a kept
 * remark records whether it came from a phone or a paper card (remarks kept before were phones':
 * paper-card remarks were not offered as quotes then). Portable like the others (sqlite and PostgreSQL).
 */
export class Authorship1763850000000 implements MigrationInterface {
  name = 'Authorship1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('advice_version', new TableColumn({ name: 'authorship', type: 'text', isNullable: true }));
    await q.addColumn('kept_remark', new TableColumn({ name: 'channel', type: 'varchar', length: '5', default: "'phone'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('kept_remark', 'channel');
    await q.dropColumn('advice_version', 'authorship');
  }
}
