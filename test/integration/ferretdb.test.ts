/**
 * The local store (FerretDB 1.24 on PostgreSQL) under ordinary client workloads: a 1,000-statement
 * bulkWrite of existing documents does not wedge it (the build-time fix of tools/stack/ferretdb-build.ts),
 * and equality lookups are served by the GIN indexes the stack keeps in step (stack/sql/ferretdb-gin.sql),
 * also on FerretDB connections that planned before the index existed. See docs/ferretdb.md.
 */
import { MongoClient, type Collection } from 'mongodb';
import { Client } from 'pg';
import { loadStackConfig } from '../../src/config';
import { createStackContext } from '../../tools/stack/context';
import { ferretdbDrift } from '../../tools/stack/services/ferretdb';
import { FERRETDB_DB, pgUrl } from '../../tools/stack/services/postgres';
import { endpoints } from './support/endpoints';
import { uniqueName, waitFor } from './support/wait-for';

interface Doc {
  _id: string;
  system: string;
  emailNorm: string;
  pos: number;
  state: { status: string; flags: string[] };
}

const N = 1000;
const idOf = (i: number) => `k${String(i).padStart(7, '0')}`;
const makeDoc = (i: number, pos: number): Doc => ({
  _id: idOf(i),
  system: ['crm', 'billing', 'oms'][i % 3] as string,
  emailNorm: `user.${idOf(i)}@example.com`,
  pos,
  state: { status: i % 7 === 0 ? 'DUNNING' : 'ACTIVE', flags: ['migrated'] },
});

const stackConfig = loadStackConfig();
const ctx = createStackContext(stackConfig);
/** The stack's own FerretDB (not a MONGO_URL of the user's): its PostgreSQL side can be inspected. */
const localFerret = !stackConfig.external.has('MONGO_URL');

/** A client whose every operation gives up after `ms`: a wedged server fails the test instead of hanging it. */
const clientWithDeadline = (ms: number) =>
  new MongoClient(endpoints.MONGO_URL, {
    serverSelectionTimeoutMS: ms,
    connectTimeoutMS: ms,
    socketTimeoutMS: ms,
  });

describe('the local store survives its clients', () => {
  const client = clientWithDeadline(30_000);
  const db = client.db(uniqueName('bulk'));
  let coll: Collection<Doc>;

  beforeAll(async () => {
    // An old FerretDB (without the fix) would be wedged by this test, for every other user of the
    // stack too: refuse to run against one.
    const drift = localFerret ? ferretdbDrift(ctx) : undefined;
    if (drift) throw new Error(`${drift}; restart it first: npm run stack:down && npm run stack:up`);
    coll = db.collection<Doc>('facts');
    await coll.insertMany(
      Array.from({ length: N }, (_, i) => makeDoc(i, 1)),
      { ordered: false },
    );
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close(true);
  });

  const stillAnswers = async () => {
    const probe = clientWithDeadline(5000);
    try {
      expect((await probe.db('admin').command({ ping: 1 })).ok).toBe(1);
      expect(
        await probe
          .db(db.databaseName)
          .collection<Doc>('facts')
          .findOne({ _id: idOf(N - 1) }),
      ).toMatchObject({
        _id: idOf(N - 1),
      });
    } finally {
      await probe.close(true);
    }
  };

  it('one bulkWrite of 1,000 replaceOne upserts of existing documents, then ping and find', async () => {
    const res = await coll.bulkWrite(
      Array.from({ length: N }, (_, i) => ({
        replaceOne: { filter: { _id: idOf(i) }, replacement: makeDoc(i, 2), upsert: true },
      })),
      { ordered: false },
    );
    expect(res.matchedCount).toBe(N);
    expect(res.upsertedCount).toBe(0);
    await stillAnswers();
    expect(await coll.countDocuments({ pos: 2 })).toBe(N);
  });

  it('one bulkWrite of 1,000 guarded updateOne of existing documents, then ping and find', async () => {
    const res = await coll.bulkWrite(
      Array.from({ length: N }, (_, i) => ({
        updateOne: { filter: { _id: idOf(i), pos: { $lt: 3 } }, update: { $set: { pos: 3 } } },
      })),
      { ordered: false },
    );
    expect(res.matchedCount).toBe(N);
    expect(res.modifiedCount).toBe(N);
    await stillAnswers();
    expect(await coll.countDocuments({ pos: 3 })).toBe(N);
  });
});

(localFerret ? describe : describe.skip)('the local store serves equality through GIN indexes', () => {
  const client = clientWithDeadline(30_000);
  const db = client.db(uniqueName('gin'));
  const coll = db.collection<Doc>('facts');
  const pg = new Client({ connectionString: pgUrl(ctx, FERRETDB_DB) });
  let table = '';

  /** FerretDB's indexes of the collection's table: name → [access method, idx_scan]. */
  const indexes = async (): Promise<Map<string, { gin: boolean; def: string; scans: number }>> => {
    const r = await pg.query<{ name: string; def: string; scans: string }>(
      `SELECT i.indexrelname AS name, pg_get_indexdef(i.indexrelid) AS def, i.idx_scan AS scans
         FROM pg_stat_user_indexes i WHERE i.schemaname = $1 AND i.relname = $2`,
      [db.databaseName, table],
    );
    return new Map(
      r.rows.map((x) => [x.name, { gin: / USING gin /.test(x.def), def: x.def, scans: Number(x.scans) }]),
    );
  };
  const ginOn = async (expression: string) => {
    for (const [name, ix] of await indexes())
      if (ix.gin && ix.def.includes(expression)) return { name, ...ix };
    return undefined;
  };

  beforeAll(async () => {
    await pg.connect();
    await coll.insertMany(
      Array.from({ length: 2000 }, (_, i) => makeDoc(i, 1)),
      { ordered: false },
    );
    const meta = await pg.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${pg.escapeIdentifier(db.databaseName)}._ferretdb_database_metadata
        WHERE _jsonb->>'_id' = 'facts'`,
    );
    table = meta.rows[0]?.table ?? '';
    expect(table).not.toBe('');
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close(true);
    await pg.end();
  });

  /** Runs `lookup` 20 times and waits until the GIN index on `expression` counts those scans. */
  const servedBy = async (expression: string, lookup: () => Promise<Doc | null>) => {
    const ix = await ginOn(expression);
    expect(ix).toBeDefined();
    for (let i = 0; i < 20; i++) expect(await lookup()).not.toBeNull();
    // A backend publishes its statistics when idle, at most once a second: keep its connection busy
    // (with a statement that uses no index, limit pushed down).
    await waitFor(
      `idx_scan of ${ix?.name} to count 20 lookups`,
      async () => {
        await coll.find({}).limit(1).toArray();
        return ((await ginOn(expression))?.scans ?? 0) >= (ix?.scans ?? 0) + 20;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  };

  it("a new collection's _id lookups are served by its GIN index", async () => {
    await servedBy(`(_jsonb -> '_id'::text)`, () => coll.findOne({ _id: idOf(1234) }));
  });

  it('createIndex on a collection with data gets GIN indexes that serve lookups planned before them', async () => {
    // Plan the statements on FerretDB's pooled connections first, while no index can serve them.
    for (let i = 0; i < 10; i++)
      await coll.findOne({ system: 'crm', emailNorm: `user.${idOf(3 * i)}@example.com` });
    for (let i = 0; i < 10; i++) await coll.findOne({ 'state.status': 'DUNNING', _id: idOf(7 * i) });
    await coll.createIndex({ system: 1, emailNorm: 1 }, { name: 'system_email' });
    await coll.createIndex({ 'state.status': 1 }, { name: 'status' });

    await servedBy(`(_jsonb -> 'emailNorm'::text)`, () =>
      coll.findOne({ system: 'oms', emailNorm: `user.${idOf(1235)}@example.com` }),
    );
    expect(await ginOn(`(_jsonb -> 'system'::text)`)).toBeDefined();
    // A dotted field is pushed down as `_jsonb #> '{state,status}'`: its GIN index has that form.
    expect(await ginOn(`(_jsonb #> '{state,status}'::text[])`)).toBeDefined();
  });

  it('dropIndex drops the GIN indexes no index needs any more', async () => {
    await coll.dropIndex('system_email');
    const gins = [...(await indexes()).values()].filter((i) => i.gin).map((i) => i.def);
    expect(gins).toHaveLength(2);
    expect(gins.join('\n')).toContain(`(_jsonb -> '_id'::text)`);
    expect(gins.join('\n')).toContain(`'{state,status}'`);
  });
});
