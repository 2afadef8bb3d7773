/**
 * Which write workloads wedge FerretDB, before and after the stack's fix (docs/ferretdb.md). Runs
 * each shape on a private FerretDB with a small pool (10 PostgreSQL connections, so that the limits
 * show at small scale) over a fresh database of the stack's PostgreSQL, with a client-side timeout;
 * no answer to `ping` within 3 s afterwards = wedged, then SIGKILL. `before` is FerretDB 1.24.2 as
 * released, built here from the same embedding without the patch; `after` is the stack's binary.
 *   npx tsx bench/ferretdb-wedge.ts [--only before|after] [--pool 10] [--out bench/results/ferretdb-wedge.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { Client } from 'pg';
import { loadStackConfig } from '../src/config';
import { REPO_ROOT } from '../src/config/stack-config';
import { runMain } from '../src/shared/run-main';
import { createStackContext } from '../tools/stack/context';
import { buildFerretDb } from '../tools/stack/ferretdb-build';
import { pgUrl } from '../tools/stack/services/postgres';
import { stackUp } from '../tools/stack/stack';
import { answersPing, startPrivateFerret } from './private-ferretdb';

interface Doc {
  _id: string;
  pos: number;
  body: string;
}
type Shape = (c: Collection<Doc>) => Promise<unknown>;

const DOCS = 1000;
const ROUNDS = 30;
const idOf = (i: number) => `k${String(i).padStart(7, '0')}`;
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const doc = (i: number, pos: number): Doc => ({ _id: idOf(i), pos, body: `document ${i}`.padEnd(200, '.') });

const replaceBulk =
  (n: number, from = 0): Shape =>
  (c) =>
    c.bulkWrite(
      range(n, from).map((i) => ({
        replaceOne: { filter: { _id: idOf(i) }, replacement: doc(i, 2), upsert: true },
      })),
      { ordered: false },
    );
const guardedBulk =
  (n: number): Shape =>
  (c) =>
    c.bulkWrite(
      range(n).map((i) => ({
        updateOne: { filter: { _id: idOf(i), pos: { $lt: 3 } }, update: { $set: { pos: 3 } } },
      })),
      { ordered: false },
    );
const parallelBulks =
  (bulks: number, each: number): Shape =>
  (c) =>
    Promise.all(range(bulks).map((k) => replaceBulk(each, k * each)(c)));
/** `n` single-statement commands in flight at once, for ROUNDS rounds. */
const concurrent =
  (n: number, op: (c: Collection<Doc>, i: number, round: number) => Promise<unknown>): Shape =>
  async (c) => {
    for (let r = 0; r < ROUNDS; r++) await Promise.all(range(n).map((i) => op(c, i, r)));
  };

function shapes(pool: number): { name: string; run: Shape }[] {
  const P = pool;
  return [
    { name: `1 bulkWrite of ${P - 1} replaceOne upserts of existing documents`, run: replaceBulk(P - 1) },
    { name: `1 bulkWrite of ${P} replaceOne upserts of existing documents`, run: replaceBulk(P) },
    { name: `1 bulkWrite of ${DOCS} replaceOne upserts of existing documents`, run: replaceBulk(DOCS) },
    { name: `1 bulkWrite of ${DOCS} guarded updateOne of existing documents`, run: guardedBulk(DOCS) },
    { name: `${P - 1} bulkWrites of 100 replaceOne in parallel`, run: parallelBulks(P - 1, 100) },
    { name: `${2 * P} bulkWrites of 50 replaceOne in parallel`, run: parallelBulks(2 * P, 50) },
    {
      name: `${P - 1} updateOne in flight, ${ROUNDS} rounds`,
      run: concurrent(P - 1, (c, i, r) => c.updateOne({ _id: idOf(i) }, { $set: { pos: r } })),
    },
    {
      name: `${P} updateOne in flight, ${ROUNDS} rounds`,
      run: concurrent(P, (c, i, r) => c.updateOne({ _id: idOf(i) }, { $set: { pos: r } })),
    },
    {
      name: `${P - 1} findOneAndUpdate in flight, ${ROUNDS} rounds`,
      run: concurrent(P - 1, (c, i, r) => c.findOneAndUpdate({ _id: idOf(i) }, { $set: { pos: r } })),
    },
    {
      name: `${P} findOneAndUpdate in flight, ${ROUNDS} rounds`,
      run: concurrent(P, (c, i, r) => c.findOneAndUpdate({ _id: idOf(i) }, { $set: { pos: r } })),
    },
  ];
}

export interface WedgeCase {
  shape: string;
  variant: 'before' | 'after';
  pool: number;
  wedged: boolean;
  /** `ok`, or the client's error (a timeout when wedged). */
  result: string;
  ms: number;
  /** FerretDB's PostgreSQL connections right after the command. */
  connections: number;
}

async function runCase(
  binary: string,
  pgDbUrl: string,
  admin: Client,
  pgDb: string,
  pool: number,
  shape: { name: string; run: Shape },
  logFile: string,
): Promise<Omit<WedgeCase, 'variant'>> {
  const ferret = await startPrivateFerret(binary, pgDbUrl, { pool, logFile });
  const client = new MongoClient(ferret.url, {
    socketTimeoutMS: 10_000,
    serverSelectionTimeoutMS: 3000,
    maxPoolSize: 4 * pool,
  });
  try {
    await client.connect();
    const coll = client.db('wedge').collection<Doc>('t');
    await coll.drop().catch(() => undefined);
    await coll.insertMany(
      range(DOCS).map((i) => doc(i, 1)),
      { ordered: false },
    );
    const t0 = performance.now();
    let result = 'ok';
    await shape.run(coll).catch((e: Error) => (result = `${e.constructor.name}: ${e.message.slice(0, 60)}`));
    const ms = Math.round(performance.now() - t0);
    await client.close(true).catch(() => undefined);
    const wedged = !(await answersPing(ferret.url, 3000));
    const conns = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'FerretDB'`,
      [pgDb],
    );
    return { shape: shape.name, pool, wedged, result, ms, connections: conns.rows[0]?.n ?? 0 };
  } finally {
    await client.close(true).catch(() => undefined);
    await ferret.stop();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const arg = (name: string) =>
    args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined;
  const only = arg('only');
  const pool = Number(arg('pool') ?? 10);
  if ((only !== undefined && only !== 'before' && only !== 'after') || !(pool >= 2 && pool <= 50)) {
    process.stderr.write(
      'usage: npx tsx bench/ferretdb-wedge.ts [--only before|after] [--pool 2..50] [--out file]\n',
    );
    return 2;
  }
  const config = loadStackConfig();
  const ctx = createStackContext(config);
  await stackUp(ctx);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-wedge-'));
  const variants: { variant: 'before' | 'after'; binary: () => Promise<string> }[] = [
    {
      variant: 'before',
      binary: async () => {
        const go = ctx.tools().go;
        if (!go) throw new Error('go is required to build FerretDB as released');
        process.stdout.write('building FerretDB 1.24.2 without the patch ...\n');
        return buildFerretDb(go, tmp, []);
      },
    },
    { variant: 'after', binary: async () => path.join(ctx.paths.bin, 'ferretdb', 'ferretdb') },
  ];
  const admin = new Client({ connectionString: pgUrl(ctx, 'postgres') });
  await admin.connect();
  const pgDb = `ferretdb_wedge_${Date.now().toString(36)}`;
  const cases: WedgeCase[] = [];
  try {
    for (const { variant, binary } of variants.filter((v) => !only || v.variant === only)) {
      const bin = await binary();
      for (const shape of shapes(pool)) {
        await admin.query(`CREATE DATABASE ${pgDb}`);
        try {
          const c = await runCase(
            bin,
            pgUrl(ctx, pgDb),
            admin,
            pgDb,
            pool,
            shape,
            path.join(tmp, 'ferretdb.log'),
          );
          cases.push({ ...c, variant });
          process.stdout.write(`${variant} | ${c.shape} | ${c.wedged ? 'WEDGED' : c.result} | ${c.ms} ms\n`);
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
        }
      }
    }
  } finally {
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const names = [...new Set(cases.map((c) => c.shape))];
  const cell = (c?: WedgeCase) =>
    !c ? '' : c.wedged ? `**wedged** (${c.connections} connections held)` : `ok, ${c.ms} ms`;
  const table = [
    `| FerretDB pool_max_conns = ${pool} | before (1.24.2 as released) | after (the stack's build) |`,
    '|---|---|---|',
    ...names.map(
      (n) =>
        `| ${n} | ${cell(cases.find((c) => c.shape === n && c.variant === 'before'))} | ${cell(cases.find((c) => c.shape === n && c.variant === 'after'))} |`,
    ),
  ].join('\n');
  const out = path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench/results/ferretdb-wedge.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), pool, cases }, null, 2)}\n`,
  );
  process.stdout.write(`\n${table}\n\nwritten: ${path.relative(process.cwd(), out)}\n`);
  return 0;
}

if (require.main === module) runMain(main);
