import fc from 'fast-check';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { insertRows, insertSql, sqlLiteral } from './batched-inserter';
import { DatabaseWriter } from './database-writer';

@Entity('thing')
class Thing {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'integer' }) n: number;
  @Column({ type: 'real', nullable: true }) x: number | null;
  @Column({ type: 'simple-json' }) json: Record<string, number>;
  @Column({ type: 'datetime' }) at: Date;
  @Column({ type: 'boolean' }) flag: boolean;
}

const texts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom("'", "''", "a'b", "'); DROP TABLE thing; --", '\0', 'a\0b', '\\', '\\0', ';', '-- x', '/* y */', 'é ü “quote”', '\u{1F600}', '\uD800', 'x\ny\r\n'),
);
const things = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 20 }).map((s) => `t-${s}`),
    text: texts,
    n: fc.integer(),
    x: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
    json: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer({ min: -9, max: 9 }), { maxKeys: 4 }),
    // Often the same moment as another row's (as an audit trail's entries of one batch), in a Date of its own.
    at: fc.oneof(
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('2026-12-05T10:00:00.000Z', '2026-12-05T10:00:00.001Z', '1999-12-31T23:59:59.999Z').map((iso) => new Date(iso)),
    ),
    flag: fc.boolean(),
  }),
  { selector: (t) => t.id, minLength: 1, maxLength: 12 },
);

describe('One transaction as one script (sqlite)', () => {
  let ds: DataSource;
  let writer: DatabaseWriter;

  beforeEach(async () => {
    ds = new DataSource({ type: 'sqlite', database: ':memory:', entities: [Thing] });
    await ds.initialize();
    // The test's own table, made by hand as the app's come from migrations.
    await ds.query(
      'CREATE TABLE "thing" ("id" varchar(40) PRIMARY KEY NOT NULL, "text" text NOT NULL, "n" integer NOT NULL, "x" real, "json" text NOT NULL, "at" datetime NOT NULL, "flag" boolean NOT NULL)',
    );
    writer = new DatabaseWriter(ds);
  });
  afterEach(() => ds.destroy());

  const all = async () => (await ds.manager.find(Thing, { order: { id: 'ASC' } })).map((t) => ({ ...t }));

  it('stores exactly what the INSERT with bound parameters stores, whatever the texts hold', async () => {
    await fc.assert(
      fc.asyncProperty(things, async (rows) => {
        await ds.query('DELETE FROM "thing"');
        await writer.write((m) => insertRows(m, Thing, rows, 'fail'));
        const bound = await all();
        await ds.query('DELETE FROM "thing"');
        await writer.script(({ manager, transaction }) => transaction([insertSql(manager.connection, Thing, rows, 'fail')]));
        expect(await all()).toEqual(bound);
        // And the typed-in values read back as they went in (NUL characters and quotes included).
        expect(new Map(bound.map((t) => [t.id, t.text]))).toEqual(new Map(rows.map((t) => [t.id, Buffer.from(t.text, 'utf8').toString('utf8')])));
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });

  it('keeps nothing of a script whose later statement fails, and the next write works', async () => {
    const row = (id: string, text = 'x'): Thing => ({ id, text, n: 1, x: null, json: {}, at: new Date('2026-12-05T10:00:00Z'), flag: true });
    await writer.write((m) => insertRows(m, Thing, [row('taken')], 'fail'));
    const script = writer.script(({ manager, transaction }) =>
      transaction([insertSql(manager.connection, Thing, [row('a'), row('b')], 'fail'), insertSql(manager.connection, Thing, [row('taken', 'again')], 'fail')]),
    );
    await expect(script).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await all()).map((t) => t.id)).toEqual(['taken']);
    // No transaction was left open: both kinds of write go on.
    await writer.script(({ manager, transaction }) => transaction([insertSql(manager.connection, Thing, [row('c')], 'fail')]));
    await writer.write((m) => insertRows(m, Thing, [row('d')], 'fail'));
    expect((await all()).map((t) => t.id)).toEqual(['c', 'd', 'taken']);
  });

  it('writes no literal it cannot write faithfully', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow();
    expect(() => sqlLiteral({})).toThrow();
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\0b')).toBe("CAST(X'610062' AS TEXT)");
    expect(sqlLiteral(null)).toBe('NULL');
  });
});
