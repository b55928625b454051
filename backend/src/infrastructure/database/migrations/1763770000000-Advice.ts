import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** The advice: drafts, issued versions with their files, committee links and their access log. Portable like the others. */
export class Advice1763770000000 implements MigrationInterface {
  name = 'Advice1763770000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const ref = (name: string, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });
    const str = (name: string, length: number, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary: primary });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
    const text = (name: string): TableColumnOptions => ({ name, type: 'text' });
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: dateType, isNullable: nullable });
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    const eveningFk = new TableForeignKey({ columnNames: ['eveningId'], referencedTableName: 'evening', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await q.createTable(
      new Table({
        name: 'advice_draft',
        columns: [ref('eveningId', false, true), text('content'), int('revision'), date('updatedAt', true), ref('updatedById', true)],
        foreignKeys: [eveningFk],
      }),
    );
    await q.createTable(
      new Table({
        name: 'advice_version',
        columns: [
          ref('id', false, true),
          ref('eveningId'),
          int('number'),
          date('issuedAt'),
          ref('issuedById'),
          str('issuedByName', 120),
          text('note'),
          str('documentSha256', 64),
          str('recordSha256', 64),
          str('resultsSha256', 64),
          str('setupFingerprint', 64),
          int('draftRevision'),
        ],
        indices: [{ columnNames: ['eveningId', 'number'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'advice_file',
        columns: [
          ref('versionId', false, true),
          str('name', 60, false, true),
          str('kind', 20),
          str('language', 2, true),
          str('contentType', 100),
          int('bytes'),
          str('sha256', 64),
          text('data'),
        ],
        foreignKeys: [fk('versionId', 'advice_version')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'committee_link',
        columns: [ref('id', false, true), ref('eveningId'), str('tokenHash', 64), str('label', 120), date('createdAt'), str('createdByName', 120), date('revokedAt', true)],
        indices: [{ columnNames: ['eveningId'] }, { columnNames: ['tokenHash'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'committee_access',
        columns: [ref('id', false, true), ref('linkId'), ref('eveningId'), date('at'), str('action', 80), int('version', true)],
        indices: [{ columnNames: ['eveningId', 'at'] }],
        foreignKeys: [fk('linkId', 'committee_link'), fk('eveningId', 'evening')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['committee_access', 'committee_link', 'advice_file', 'advice_version', 'advice_draft']) await q.dropTable(table);
  }
}
