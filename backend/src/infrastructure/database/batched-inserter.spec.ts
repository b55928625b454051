import { Column, DataSource, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import { BatchedInserter, WriteBatcher } from './batched-inserter';
import { DatabaseWriter } from './database-writer';

@Entity('item')
class Item {
  @PrimaryColumn({ type: 'varchar', length: 10 }) id: string;
  @Column({ type: 'integer' }) n: number;
}

/** A real writer that also records how many rows each transaction held, and can hold one open. */
class CountingWriter extends DatabaseWriter {
  readonly transactions: number[] = [];
  gate: Promise<void> = Promise.resolve();
  override write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return super.write(async (m) => {
      const before = (await m.count(Item)) as number;
      const result = await work(m);
      await this.gate;
      this.transactions.push(((await m.count(Item)) as number) - before);
      return result;
    });
  }
}

describe('BatchedInserter (real sqlite, in memory)', () => {
  let ds: DataSource;
  let writer: CountingWriter;
  let inserter: BatchedInserter<Item>;

  beforeEach(async () => {
    ds = new DataSource({ type: 'sqlite', database: ':memory:', entities: [Item] });
    await ds.initialize();
    await ds.query('CREATE TABLE "item" ("id" varchar(10) PRIMARY KEY NOT NULL, "n" integer NOT NULL)');
    writer = new CountingWriter(ds);
    inserter = new BatchedInserter(writer, Item, { rowsPerStatement: 7, batchMax: 100, lingerMs: 4 }, 'test');
  });
  afterEach(() => ds.destroy());

  it('gathers all rows that arrive during a write into one next batch', async () => {
    let release = () => undefined as void;
    writer.gate = new Promise<void>((resolve) => (release = resolve));
    const first = inserter.insert({ id: 'a0', n: 0 });
    const firstFlushed = inserter.flush(); // starts writing a0; its transaction is held open
    const groupOne = Array.from({ length: 20 }, (_, i) => inserter.insert({ id: `b${i}`, n: i }));
    const flushOne = inserter.flush();
    const groupTwo = Array.from({ length: 30 }, (_, i) => inserter.insert({ id: `c${i}`, n: i }));
    const flushTwo = inserter.flush();
    writer.gate = Promise.resolve();
    release();
    await Promise.all([first, firstFlushed, ...groupOne, flushOne, ...groupTwo, flushTwo]);
    expect(writer.transactions).toEqual([1, 50]);
    expect(await ds.manager.count(Item)).toBe(51);
  });

  it('stores a row sent twice under the same key once', async () => {
    await Promise.all([inserter.insert({ id: 'x', n: 1 }), inserter.insert({ id: 'x', n: 2 })]);
    await inserter.insert({ id: 'x', n: 3 });
    expect(await ds.manager.find(Item)).toEqual([{ id: 'x', n: 1 }]);
  });

  it('flushes what came before the call, without waiting for what comes after', async () => {
    const before = inserter.insert({ id: 'p', n: 1 });
    const flushed = inserter.flush();
    const after = inserter.insert({ id: 'q', n: 2 });
    await flushed;
    expect(await ds.manager.findOneBy(Item, { id: 'p' })).not.toBeNull();
    await Promise.all([before, after]);
  });

  it('rejects every row of a failed batch, settles flush, and keeps working', async () => {
    const bad = inserter.insert({ id: 'bad', n: null as unknown as number });
    const neighbour = inserter.insert({ id: 'ok1', n: 1 });
    await inserter.flush();
    await expect(bad).rejects.toThrow(/NOT NULL/);
    await expect(neighbour).rejects.toThrow(/NOT NULL/);
    await inserter.insert({ id: 'ok2', n: 2 });
    expect((await ds.manager.find(Item)).map((i) => i.id)).toEqual(['ok2']);
  });

  it('hands each batch to its write function whole, in arrival order, and settles every item with its batch', async () => {
    const batches: string[][] = [];
    let fail = false;
    const batcher = new WriteBatcher<string>(
      async (items) => {
        batches.push(items);
        if (fail) throw new Error('disk full');
      },
      { batchMax: 2, lingerMs: 4 },
      'test',
    );
    await Promise.all(['a', 'b', 'c'].map((x) => batcher.add(x)));
    expect(batches).toEqual([['a', 'b'], ['c']]);
    fail = true;
    await expect(batcher.add('d')).rejects.toThrow('disk full');
    fail = false;
    await batcher.add('e');
    expect(batches.slice(2)).toEqual([['d'], ['e']]);
  });
});
