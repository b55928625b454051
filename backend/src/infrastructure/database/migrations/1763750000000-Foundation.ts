import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey } from 'typeorm';

/**
 * Accounts, networks and the setup of an evening. Written with TypeORM's Table API and the
 * driver's own date type, so the same migration runs on sqlite and PostgreSQL.
 */
export class Foundation1763750000000 implements MigrationInterface {
  name = 'Foundation1763750000000';

  async up(q: QueryRunner): Promise<void> {
    const dateType = q.connection.driver.normalizeType({ type: Date });
    const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const str = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length) });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: dateType, isNullable: nullable });
    const created = (name = 'createdAt'): TableColumnOptions => ({ name, type: dateType, default: 'CURRENT_TIMESTAMP' });
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await q.createTable(new Table({ name: 'network', columns: [id(), str('name', 120), created()] }));
    await q.createTable(
      new Table({
        name: 'organiser',
        columns: [id(), ref('networkId'), str('email', 254), str('passwordHash', 200), str('displayName', 120), str('role', 20), created()],
        indices: [{ columnNames: ['networkId'] }, { columnNames: ['email'], isUnique: true }],
        foreignKeys: [fk('networkId', 'network')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session',
        columns: [id(), str('tokenHash', 64), ref('organiserId'), created(), date('expiresAt')],
        indices: [{ columnNames: ['tokenHash'], isUnique: true }, { columnNames: ['organiserId'] }],
        foreignKeys: [fk('organiserId', 'organiser')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invitation',
        columns: [
          id(),
          ref('networkId'),
          str('email', 254),
          str('tokenHash', 64),
          ref('invitedById'),
          created(),
          date('expiresAt'),
          date('acceptedAt', true),
          date('revokedAt', true),
        ],
        indices: [{ columnNames: ['networkId'] }, { columnNames: ['tokenHash'], isUnique: true }],
        foreignKeys: [fk('networkId', 'network'), fk('invitedById', 'organiser')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evening',
        columns: [
          id(),
          ref('networkId'),
          str('title', 200),
          str('joinCode', 12),
          str('language', 2),
          str('venue', 300),
          str('date', 10),
          str('startTime', 5),
          str('tenderMunicipality', 120),
          str('tenderName', 200),
          str('tenderReference', 120),
          text('tenderSubject'),
          str('tenderCommittee', 200),
          str('adviceDeadline', 10),
          str('scaleKind', 10),
          str('orderMethod', 10),
          date('frozenAt', true),
          ref('frozenById', true),
          { name: 'fingerprint', type: 'varchar', length: '64', isNullable: true },
          text('canonicalSetup', true),
          created(),
          created('updatedAt'),
        ],
        indices: [{ columnNames: ['networkId'] }, { columnNames: ['joinCode'], isUnique: true }],
        foreignKeys: [fk('networkId', 'network', 'RESTRICT'), fk('frozenById', 'organiser', 'RESTRICT')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bidder',
        columns: [
          id(),
          ref('eveningId'),
          int('position'),
          str('name', 120),
          str('contactPerson', 120),
          str('pitchTitle', 200),
          text('pitchSummary'),
          int('pitchMinutes'),
          int('qaMinutes'),
        ],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'criterion',
        columns: [
          id(),
          ref('eveningId'),
          int('position'),
          str('name', 120),
          text('explanation'),
          int('weight'),
          str('awardCriterion', 300),
          text('levelDescriptors'),
        ],
        indices: [{ columnNames: ['eveningId'] }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scale_level',
        columns: [id(), ref('eveningId'), int('value'), str('label', 60), text('description')],
        indices: [{ columnNames: ['eveningId', 'value'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'lot_draw',
        columns: [
          id(),
          ref('eveningId'),
          int('sequence'),
          str('seed', 100),
          str('algorithm', 40),
          text('input'),
          text('result'),
          ref('drawnById'),
          str('drawnByName', 120),
          created('drawnAt'),
        ],
        indices: [{ columnNames: ['eveningId', 'sequence'], isUnique: true }],
        foreignKeys: [fk('eveningId', 'evening'), fk('drawnById', 'organiser', 'RESTRICT')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['lot_draw', 'scale_level', 'criterion', 'bidder', 'evening', 'invitation', 'session', 'organiser', 'network']) {
      await q.dropTable(table);
    }
  }
}
