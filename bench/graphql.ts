/**
 * The API's benchmark (issue #4): latency and throughput of `customer(id)` and of a page of 50
 * customers with their orders and billing accounts, at 32 concurrent HTTP connections against the
 * API running as its own process, beside a baseline doing the same reads with the bare MongoDB
 * driver in the same run, on a seeded private database. Writes docs/bench-graphql.md.
 *
 * `npm run bench` calls runGraphqlBench(); alone: `npx tsx bench/graphql.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import prettier from 'prettier';
import { MongoClient, type Db } from 'mongodb';
import { loadEndpoints, type Endpoints } from '../src/config';
import { REPO_ROOT } from '../src/config/stack-config';
import { childEnv } from '../src/config/endpoints';
import { encodeCursor } from '../src/graphql/cursor';
import { CUSTOMER_PROJECTION } from '../src/graphql/customers/customer-loaders';
import { CUSTOMERS, type CustomerDoc } from '../src/store/customer-doc';
import { ORDERS, type OrderDoc } from '../src/store/order-docs';
import { runMain } from '../src/shared/run-main';
import { seedCustomerId, seedView } from './graphql-seed';
import { freePort } from '../harness/free-port';

export interface GraphqlBenchOptions {
  /** Seconds of the customer(id) scenario. Default 15. */
  durationS?: number;
  /** Requests of the page scenario (a count: on FerretDB a page takes seconds). Default 96. */
  pageRequests?: number;
  /** Concurrent connections (HTTP) or workers (driver). Default 32. */
  connections?: number;
  /** Seeded customers. Default 2000. */
  customers?: number;
  /** Orders per seeded customer. Default 5 (10,000 orders). */
  ordersPerCustomer?: number;
  /** Where the report goes. Default docs/bench-graphql.md. */
  output?: string | null;
  log?: (line: string) => void;
}

export interface Measurement {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface GraphqlBenchResult {
  customers: number;
  orders: number;
  connections: number;
  durationS: number;
  pageRequests: number;
  scenarios: { name: string; api: Measurement; driver: Measurement }[];
  report: string;
}

const CUSTOMER_QUERY = `query ($id: ID!) { customer(id: $id) { id name email phone vipLevel asOf
  status { value rule since explanation { system key rawValue meaning changedAt } }
  openOrders lifetimeSpendFen lastOrderAt } }`;
const PAGE_QUERY = `query ($after: String) { customers(first: 50, after: $after) { edges { cursor node { id name
  status { value } orders { edges { node { orderNo status totalFen placedAt } } }
  billingAccounts { accountNo state balance } } } pageInfo { hasNextPage endCursor } } }`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summarize(latencies: number[], seconds: number, errors: number): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  };
}

async function startApiProcess(
  endpoints: Endpoints,
  dbName: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'graphql-server.ts')], {
    cwd: REPO_ROOT,
    env: childEnv(endpoints, {
      MONGO_DB: dbName,
      GRAPHQL_PORT: String(port),
      GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000000',
      NODE_ENV: 'production',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /\{"url":"([^"]+)"\}/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

/** A fixed window, or a fixed number of requests (for reads slower than any useful window). */
export type Budget = { durationS: number } | { amount: number };
const describe = (b: Budget) => ('durationS' in b ? `for ${b.durationS}s` : `for ${b.amount} requests`);

async function loadApi(
  url: string,
  body: () => string,
  connections: number,
  budget: Budget,
): Promise<Measurement> {
  const latencies: number[] = [];
  const started = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        ...('durationS' in budget ? { duration: budget.durationS } : { amount: budget.amount }),
        method: 'POST',
        // FerretDB answers a page in seconds under load (see the report); count slow answers, not timeouts.
        timeout: 300,
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return summarize(latencies, (Date.now() - started) / 1000, result.non2xx + result.errors + result.timeouts);
}

async function loadDriver(
  read: () => Promise<unknown>,
  connections: number,
  budget: Budget,
): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  const end = 'durationS' in budget ? started + budget.durationS * 1000 : Infinity;
  let left = 'amount' in budget ? budget.amount : Infinity;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end && left-- > 0) {
        const t = process.hrtime.bigint();
        try {
          await read();
          // Like the HTTP client: what completes after the end of the window is not counted.
          if (Date.now() <= end) latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = 'durationS' in budget ? budget.durationS : (Date.now() - started) / 1000;
  return summarize(latencies, seconds, errors);
}

/**
 * Waits until the database answers a point read quickly again: requests the HTTP client abandoned
 * at the end of a window are still queued in FerretDB and would slow the next measurement.
 */
async function drain(db: Db): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const t = Date.now();
    await db.collection<CustomerDoc>(CUSTOMERS).findOne({ _id: seedCustomerId(1) });
    if (Date.now() - t < 100) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The same reads the resolvers do, with the bare driver: one find, or a page plus its orders. */
function driverReads(db: Db, customers: number) {
  const coll = db.collection<CustomerDoc>(CUSTOMERS);
  const orders = db.collection<OrderDoc>(ORDERS);
  return {
    customer: () =>
      coll.findOne(
        { _id: seedCustomerId(1 + Math.floor(Math.random() * customers)) },
        { projection: CUSTOMER_PROJECTION },
      ),
    page: async () => {
      const after = seedCustomerId(Math.floor(Math.random() * (customers - 50)));
      const page = await coll
        .find({ _id: { $gt: after } }, { projection: CUSTOMER_PROJECTION })
        .sort({ _id: 1 })
        .limit(51)
        .toArray();
      return orders
        .find({ custId: { $in: page.slice(0, 50).map((c) => c._id) } })
        .sort({ custId: 1, placedAt: -1, _id: -1 })
        .batchSize(5000)
        .toArray();
    },
  };
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

function renderReport(r: Omit<GraphqlBenchResult, 'report'>): string {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  const rows = r.scenarios.flatMap((s) => [
    `| ${s.name} | GraphQL API over HTTP | ${fmt(s.api.perSecond)} | ${fmt(s.api.p50)} | ${fmt(s.api.p95)} | ${fmt(s.api.p99)} | ${s.api.errors} |`,
    `| ${s.name} | bare MongoDB driver | ${fmt(s.driver.perSecond)} | ${fmt(s.driver.p50)} | ${fmt(s.driver.p95)} | ${fmt(s.driver.p99)} | ${s.driver.errors} |`,
    `| ${s.name} | **ratio API / driver** | **${(s.api.perSecond / s.driver.perSecond).toFixed(2)}** | ${(s.api.p50 / s.driver.p50).toFixed(2)} | ${(s.api.p95 / s.driver.p95).toFixed(2)} | ${(s.api.p99 / s.driver.p99).toFixed(2)} | |`,
  ]);
  return `# Benchmark: GraphQL API

Measured by \`npm run bench\` (or \`npx tsx bench/graphql.ts\`) on ${new Date().toISOString().slice(0, 10)},
${machine}, against the local stack (FerretDB 1.24 as the MongoDB), all on one machine.

A private database seeded with ${r.customers} customers (1 or 2 embedded billing accounts each) and
${r.orders} orders. ${r.connections} concurrent connections, for ${r.durationS} s (customer) or
${r.pageRequests} requests (page): HTTP keep-alive
connections (autocannon) to the API running as its own process (NODE_ENV=production, no auth, rate
limit out of the way), and, in the same run, ${r.connections} concurrent loops doing the same reads with the bare
MongoDB driver from the benchmark process (the floor the API adds to).

- **customer(id)**: a random customer with its status and explanation; the driver does one \`findOne\`.
- **customers(first: 50) with orders and billingAccounts**: a page after a random cursor, each
  customer with its orders (default page of 20) and billing accounts; the driver does the same two
  queries the DataLoaders do (the page, then the orders of its 50 customers in one \`$in\`).

| query | client | req/s | p50 ms | p95 ms | p99 ms | errors |
|---|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

The page is slow for both clients alike: FerretDB 1.24 pushes only equality filters down to its
backend (\`explain\` shows \`filterPushdown\` for \`_id\` equality, none for \`$gt\` or \`$in\`, and no
sort pushdown), so the keyset range on \`_id\` and the orders' \`custId $in\` read and sort whole
collections in FerretDB. On MongoDB both are index ranges (\`_id\`, \`{custId, placedAt, _id}\`). For
the same reason the API turns a single-key load into an equality (customer(id) went from a scan per
request to a point read).

Ratios above 1 in the latency columns are how many times slower the API answers than the bare reads;
the throughput ratio is the share of the driver's rate the API sustains. On 2 cores the API process,
the load generator and FerretDB compete for the same CPUs, so both columns are lower bounds for a
deployment where they run apart.
`;
}

export async function runGraphqlBench(
  endpoints: Endpoints,
  opts: GraphqlBenchOptions = {},
): Promise<GraphqlBenchResult> {
  const durationS = opts.durationS ?? 15;
  const pageRequests = opts.pageRequests ?? 96;
  const connections = opts.connections ?? 32;
  const customers = opts.customers ?? 2000;
  const ordersPerCustomer = opts.ordersPerCustomer ?? 5;
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const dbName = `bench_graphql_${Date.now().toString(36)}`;
  const mongo = new MongoClient(endpoints.MONGO_URL, { maxPoolSize: connections });
  await mongo.connect();
  const db = mongo.db(dbName);
  let api: { url: string; child: ChildProcess } | undefined;
  try {
    log(`seeding ${customers} customers and ${customers * ordersPerCustomer} orders into ${dbName}`);
    await seedView(db, { customers, ordersPerCustomer });
    api = await startApiProcess(endpoints, dbName);
    const { url } = api;

    const customerBody = () =>
      JSON.stringify({
        query: CUSTOMER_QUERY,
        variables: { id: seedCustomerId(1 + Math.floor(Math.random() * customers)) },
      });
    const pageBody = () =>
      JSON.stringify({
        query: PAGE_QUERY,
        variables: {
          after: encodeCursor('customer', [seedCustomerId(Math.floor(Math.random() * (customers - 50)))]),
        },
      });
    for (const body of [customerBody, pageBody]) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(),
      });
      const json = (await res.json()) as { errors?: unknown };
      if (!res.ok || json.errors)
        throw new Error(`the API answered a benchmark query with ${JSON.stringify(json)}`);
    }

    const reads = driverReads(db, customers);
    const scenarios: GraphqlBenchResult['scenarios'] = [];
    const runs: [string, () => string, () => Promise<unknown>, Budget][] = [
      ['customer(id)', customerBody, reads.customer, { durationS }],
      ['customers(first: 50) + orders + billingAccounts', pageBody, reads.page, { amount: pageRequests }],
    ];
    for (const [name, body, read, budget] of runs) {
      log(`${name}: API at ${connections} connections ${describe(budget)}`);
      const apiM = await loadApi(url, body, connections, budget);
      await drain(db);
      log(`${name}: bare driver at ${connections} concurrent reads ${describe(budget)}`);
      const driverM = await loadDriver(read, connections, budget);
      await drain(db);
      log(
        `${name}: API ${fmt(apiM.perSecond)} req/s p99 ${fmt(apiM.p99)} ms; driver ${fmt(driverM.perSecond)}/s p99 ${fmt(driverM.p99)} ms`,
      );
      scenarios.push({ name, api: apiM, driver: driverM });
    }
    const partial = {
      customers,
      orders: customers * ordersPerCustomer,
      connections,
      durationS,
      pageRequests,
      scenarios,
    };
    const report = renderReport(partial);
    const output = opts.output === undefined ? path.join(REPO_ROOT, 'docs', 'bench-graphql.md') : opts.output;
    // Formatted as the repo's prettier config says, so `npm run format:check` accepts the report.
    if (output)
      fs.writeFileSync(
        output,
        await prettier.format(report, { ...(await prettier.resolveConfig(output)), parser: 'markdown' }),
      );
    return { ...partial, report };
  } finally {
    if (api) {
      const child = api.child;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db.dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}

if (require.main === module) {
  runMain(async () => {
    const r = await runGraphqlBench(loadEndpoints());
    process.stdout.write(`\n${r.report}`);
    return 0;
  });
}
