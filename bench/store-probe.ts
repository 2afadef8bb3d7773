/**
 * The local store's per-operation cost against collection size, before and after the stack's GIN
 * indexes (docs/ferretdb.md). For each size it loads FerretDB-shaped documents twice and times, one
 * at a time, `findOne({_id})`, a guarded `updateOne({_id, pos: {$lt}})` and `findOne({system, emailNorm})`:
 *   before: a private FerretDB (the stack's binary, on a free port) over a fresh PostgreSQL database
 *           of the stack's cluster that has no event trigger, with PostgreSQL's default plan cache:
 *           FerretDB as it was;
 *   after:  the stack's own FerretDB (MONGO_URL), GIN indexes from the event trigger, custom plans.
 * Everything it creates is dropped at the end.
 *   npx tsx bench/store-probe.ts [--sizes 2000,20000,100000] [--samples 200] [--out bench/results/store-probe.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { Client } from 'pg';
import { loadEndpoints, loadStackConfig } from '../src/config';
import { REPO_ROOT } from '../src/config/stack-config';
import { runMain } from '../src/shared/run-main';
import { createStackContext } from '../tools/stack/context';
import { ferretdbDrift } from '../tools/stack/services/ferretdb';
import { startPrivateFerret, type PrivateFerret } from './private-ferretdb';
import { pgUrl } from '../tools/stack/services/postgres';
import { stackUp } from '../tools/stack/stack';

/** The documents of the notes' probes (~330 BSON bytes; ~1,260 bytes of jsonb in FerretDB). */
interface ProbeDoc {
  _id: string;
  system: string;
  emailNorm: string;
  refCustId: string;
  custId: string;
  pos: number;
  state: {
    status: string;
    code: string;
    name: string;
    source: { table: string; lsn: number; txId: number; tsMs: number };
    flags: string[];
  };
}

const SYSTEMS = ['crm', 'billing', 'oms'] as const;
const idOf = (i: number) => `k${String(i).padStart(7, '0')}`;
const emailOf = (i: number) => `user.${idOf(i)}@example.com`;

function makeDoc(i: number, pos = 1000): ProbeDoc {
  const id = idOf(i);
  return {
    _id: id,
    system: SYSTEMS[i % 3] as string,
    emailNorm: emailOf(i),
    refCustId: `REF-${String(i).padStart(8, '0')}`,
    custId: `cust-${String(Math.floor(i / 4)).padStart(6, '0')}`,
    pos,
    state: {
      status: i % 7 === 0 ? 'DUNNING' : 'ACTIVE',
      code: i % 7 === 0 ? 'D' : 'A',
      name: `Customer ${id}`,
      source: { table: 'customers', lsn: 10_000_000 + i, txId: 700 + (i % 50), tsMs: 1_764_000_000_000 + i },
      flags: ['migrated', 'verified'],
    },
  };
}

export type Variant = 'before' | 'after';
export const OPERATIONS = [
  'findOne({_id})',
  'guarded updateOne({_id, pos: {$lt}})',
  'findOne({system, emailNorm})',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface VariantResult {
  /** insertMany (unordered, 1,000 per call) into an empty collection, the 3 indexes not yet created. */
  loadDocsPerSecond: number;
  /** createIndexes of the 3 indexes on the loaded collection (with their GIN indexes, after). */
  createIndexesMs: number;
  /** insertMany of 5,000 more documents once every index exists: what the GIN indexes cost writes. */
  indexedInsertDocsPerSecond: number;
  /** Median and 90th percentile, one operation at a time. */
  ms: Record<Operation, { median: number; p90: number }>;
  /** Table statistics over the timed operations: sequential scans, and scans of our GIN indexes. */
  scans: { seq: number; gin: number };
  ginIndexes: number;
  /** Sizes after the timed run: the table (with TOAST), FerretDB's btree indexes, our GIN indexes. */
  mb: { table: number; btree: number; gin: number };
}

export interface StoreProbeResult {
  measuredAt: string;
  machine: string;
  samples: number;
  sizes: { size: number; before: VariantResult; after: VariantResult }[];
}

export interface StoreProbeOptions {
  /** Collection sizes. Default 2,000, 20,000 and 100,000. */
  sizes?: number[];
  /** Timed operations of each kind per size and variant. Default 200. */
  samples?: number;
  /** Progress lines. Default stdout. */
  log?: (line: string) => void;
}

const WARMUP = 30;
/** Documents inserted after the timed operations, into the fully indexed collection. */
const EXTRA = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/** `count` distinct existing documents spread over [0, n), deterministic. */
function spread(n: number, count: number, salt: number): number[] {
  return Array.from({ length: count }, (_, k) => (k * 7919 + salt * 104_729) % n);
}

async function scanCounts(pg: Client, schema: string, table: string): Promise<{ seq: number; gin: number }> {
  const r = await pg.query<{ seq: string; gin: string }>(
    `SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2) AS seq,
            (SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes
              WHERE schemaname = $1 AND relname = $2 AND indexrelname LIKE '%\\_gin') AS gin`,
    [schema, table],
  );
  return { seq: Number(r.rows[0]?.seq ?? 0), gin: Number(r.rows[0]?.gin ?? 0) };
}

async function measureVariant(
  mongoUrl: string,
  pg: Client,
  dbName: string,
  size: number,
  samples: number,
  log: (line: string) => void,
): Promise<VariantResult> {
  const client = new MongoClient(mongoUrl, { socketTimeoutMS: 600_000 });
  await client.connect();
  const db = client.db(dbName);
  try {
    const coll: Collection<ProbeDoc> = db.collection<ProbeDoc>('facts');
    let t0 = performance.now();
    for (let i = 0; i < size; i += 1000) {
      const docs: ProbeDoc[] = [];
      for (let j = i; j < Math.min(size, i + 1000); j++) docs.push(makeDoc(j));
      await coll.insertMany(docs, { ordered: false });
    }
    const loadDocsPerSecond = size / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    await coll.createIndexes([
      { key: { system: 1, emailNorm: 1 }, name: 'system_emailNorm' },
      { key: { system: 1, refCustId: 1 }, name: 'system_refCustId' },
      { key: { custId: 1 }, name: 'custId' },
    ]);
    const createIndexesMs = performance.now() - t0;
    const meta = await pg.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${pg.escapeIdentifier(dbName)}._ferretdb_database_metadata
        WHERE _jsonb->>'_id' = 'facts'`,
    );
    const table = meta.rows[0]?.table ?? '';
    // What autovacuum does within a minute of such a load; the same for both variants.
    await pg.query(`ANALYZE ${pg.escapeIdentifier(dbName)}.${pg.escapeIdentifier(table)}`);

    let pos = 2000;
    const ops: Record<Operation, (i: number) => Promise<unknown>> = {
      'findOne({_id})': (i) => coll.findOne({ _id: idOf(i) }),
      // The guard passes: the statement finds its row and writes it, as the processors' fact writes do.
      'guarded updateOne({_id, pos: {$lt}})': async (i) => {
        pos++;
        const r = await coll.updateOne({ _id: idOf(i), pos: { $lt: pos } }, { $set: { pos } });
        if (r.modifiedCount !== 1) throw new Error(`guarded update of ${idOf(i)} did not apply`);
      },
      'findOne({system, emailNorm})': (i) =>
        coll.findOne({ system: SYSTEMS[i % 3] as string, emailNorm: emailOf(i) }),
    };
    // The index builds' table scans reach the statistics only once their backend is idle for a while
    // (at most 10 s): wait, so that the counts below are those of the timed operations alone.
    await sleep(11_000);
    const before = await scanCounts(pg, dbName, table);
    const ms = {} as VariantResult['ms'];
    for (const [k, op] of OPERATIONS.entries()) {
      for (const i of spread(size, WARMUP, k + 10)) await ops[op](i);
      const times: number[] = [];
      for (const i of spread(size, samples, k)) {
        const s = performance.now();
        await ops[op](i);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      ms[op] = { median: percentile(times, 50), p90: percentile(times, 90) };
      log(`  ${op}: median ${ms[op].median.toFixed(2)} ms`);
    }
    // Backends publish their statistics when idle (at most once a second, or 10 s after the last run).
    const expected = OPERATIONS.length * (WARMUP + samples);
    let scans = await scanCounts(pg, dbName, table);
    for (let i = 0; i < 60 && scans.seq - before.seq + (scans.gin - before.gin) < expected; i++) {
      await sleep(250);
      scans = await scanCounts(pg, dbName, table);
    }
    t0 = performance.now();
    for (let i = size; i < size + EXTRA; i += 1000) {
      const docs: ProbeDoc[] = [];
      for (let j = i; j < Math.min(size + EXTRA, i + 1000); j++) docs.push(makeDoc(j));
      await coll.insertMany(docs, { ordered: false });
    }
    const indexedInsertDocsPerSecond = EXTRA / ((performance.now() - t0) / 1000);
    const sizes = await pg.query<{ gin: boolean; n: string; bytes: string }>(
      `SELECT am.amname = 'gin' AS gin, count(*) AS n, sum(pg_relation_size(i.indexrelid)) AS bytes
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
        WHERE i.indrelid = $1::regclass GROUP BY 1`,
      [`${pg.escapeIdentifier(dbName)}.${pg.escapeIdentifier(table)}`],
    );
    const tableBytes = await pg.query<{ bytes: string }>(`SELECT pg_table_size($1::regclass) AS bytes`, [
      `${pg.escapeIdentifier(dbName)}.${pg.escapeIdentifier(table)}`,
    ]);
    const mb = (bytes: unknown) => Math.round((Number(bytes ?? 0) / 2 ** 20) * 10) / 10;
    const ginRow = sizes.rows.find((r) => r.gin);
    return {
      loadDocsPerSecond,
      createIndexesMs,
      indexedInsertDocsPerSecond,
      ms,
      scans: { seq: scans.seq - before.seq, gin: scans.gin - before.gin },
      ginIndexes: Number(ginRow?.n ?? 0),
      mb: {
        table: mb(tableBytes.rows[0]?.bytes),
        btree: mb(sizes.rows.find((r) => !r.gin)?.bytes),
        gin: mb(ginRow?.bytes),
      },
    };
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close(true).catch(() => undefined);
  }
}

/** Runs the probe on the local stack (which must be up, with the stack's own FerretDB). */
export async function runStoreProbe(options: StoreProbeOptions = {}): Promise<StoreProbeResult> {
  const sizes = options.sizes ?? [2000, 20_000, 100_000];
  const samples = options.samples ?? 200;
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const config = loadStackConfig();
  if (config.external.has('MONGO_URL'))
    throw new Error('the store probe needs the stack’s own FerretDB (MONGO_URL unset)');
  const ctx = createStackContext(config);
  const drift = ferretdbDrift(ctx);
  if (drift) throw new Error(`${drift}: restart it first (npm run stack:down && npm run stack:up)`);
  const mongoUrl = loadEndpoints().MONGO_URL;
  const binary = path.join(ctx.paths.bin, 'ferretdb', 'ferretdb');
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const plainPgDb = `store_probe_plain_${tag}`;
  const admin = new Client({ connectionString: pgUrl(ctx, 'postgres') });
  await admin.connect();
  let plain: PrivateFerret | undefined;
  const stopPlain = () => plain?.child.kill('SIGKILL');
  process.once('exit', stopPlain);
  const stackPg = new Client({ connectionString: pgUrl(ctx, 'ferretdb') });
  let plainPg: Client | undefined;
  try {
    await admin.query(`CREATE DATABASE ${plainPgDb}`);
    plainPg = new Client({ connectionString: pgUrl(ctx, plainPgDb) });
    await Promise.all([stackPg.connect(), plainPg.connect()]);
    // The stack's pool size, so that only the plan cache and the indexes differ.
    plain = await startPrivateFerret(binary, pgUrl(ctx, plainPgDb), {
      pool: 200,
      logFile: path.join(ctx.paths.logs, 'store-probe-ferretdb.log'),
    });
    const out: StoreProbeResult['sizes'] = [];
    for (const size of sizes) {
      log(`${size} documents, before (FerretDB as it was):`);
      const before = await measureVariant(
        `${plain.url}?maxPoolSize=20`,
        plainPg,
        `store_probe_${tag}`,
        size,
        samples,
        log,
      );
      log(`${size} documents, after (the stack's FerretDB, GIN indexes):`);
      const after = await measureVariant(mongoUrl, stackPg, `store_probe_${tag}`, size, samples, log);
      out.push({ size, before, after });
    }
    const cpu = os.cpus();
    return {
      measuredAt: new Date().toISOString(),
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
      samples,
      sizes: out,
    };
  } finally {
    await plain?.stop();
    process.off('exit', stopPlain);
    await plainPg?.end().catch(() => undefined);
    await stackPg.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${plainPgDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** The before/after table of docs/ferretdb.md. */
export function formatStoreProbe(r: StoreProbeResult): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const rows = r.sizes.flatMap(({ size, before, after }) => [
    ...OPERATIONS.map(
      (op) =>
        `| ${size.toLocaleString('en-US')} | ${op} | ${f(before.ms[op].median)} | ${f(after.ms[op].median)} | ${(before.ms[op].median / after.ms[op].median).toFixed(1)}× |`,
    ),
    `| ${size.toLocaleString('en-US')} | insertMany, docs/s (3 indexes not yet created) | ${Math.round(before.loadDocsPerSecond)} | ${Math.round(after.loadDocsPerSecond)} | |`,
    `| ${size.toLocaleString('en-US')} | insertMany, docs/s, every index present (5,000 more) | ${Math.round(before.indexedInsertDocsPerSecond)} | ${Math.round(after.indexedInsertDocsPerSecond)} | |`,
    `| ${size.toLocaleString('en-US')} | createIndexes of the 3 indexes, ms | ${Math.round(before.createIndexesMs)} | ${Math.round(after.createIndexesMs)} | |`,
    `| ${size.toLocaleString('en-US')} | seq scans / GIN scans in the timed run | ${before.scans.seq} / ${before.scans.gin} | ${after.scans.seq} / ${after.scans.gin} | |`,
    `| ${size.toLocaleString('en-US')} | MB: table / btree indexes / GIN indexes | ${before.mb.table} / ${before.mb.btree} / ${before.mb.gin} | ${after.mb.table} / ${after.mb.btree} / ${after.mb.gin} | |`,
  ]);
  return [
    '| documents | operation (median ms, one at a time) | before | after | speed-up |',
    '|---:|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const sizes = argValue(args, 'sizes')
    ?.split(',')
    .map((s) => Number(s.trim()));
  const samples = argValue(args, 'samples');
  if (
    sizes?.some((n) => !Number.isInteger(n) || n < 100) ||
    (samples !== undefined && !(Number(samples) > 0))
  ) {
    process.stderr.write(
      'usage: npx tsx bench/store-probe.ts [--sizes 2000,20000,100000] [--samples 200] [--out file]\n',
    );
    return 2;
  }
  const stackConfig = loadStackConfig();
  if (!stackConfig.external.has('MONGO_URL')) await stackUp(createStackContext(stackConfig));
  const result = await runStoreProbe({ sizes, samples: samples === undefined ? undefined : Number(samples) });
  const out = path.resolve(argValue(args, 'out') ?? path.join(REPO_ROOT, 'bench/results/store-probe.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${formatStoreProbe(result)}\n\nwritten: ${path.relative(process.cwd(), out)}\n`);
  return 0;
}

if (require.main === module) runMain(main);
