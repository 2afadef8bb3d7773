/**
 * What totalCount costs on the local store: `npx tsx bench/graphql-count.ts [customers]` seeds a
 * private database with the API bench's synthetic view (default 20,000 customers, the bench scale),
 * then times the count shapes of CustomerConnection.totalCount beside a page of 50, median of 5
 * runs each. Figures go to docs/graphql.md by hand. Never part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { loadEndpoints } from '../src/config';
import { countCustomers } from '../src/graphql/customers/customer-count';
import { CUSTOMERS, type CustomerDoc } from '../src/store/customer-doc';
import { seedView } from './graphql-seed';

const RUNS = 5;

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

async function main() {
  const customers = Number(process.argv[2] ?? 20_000);
  const { MONGO_URL } = loadEndpoints();
  const client = new MongoClient(MONGO_URL);
  const db = client.db(`bench_count_${Date.now()}`);
  try {
    process.stdout.write(`seeding ${customers} customers (no orders)...\n`);
    await seedView(db, { customers, ordersPerCustomer: 0 });
    const c = db.collection<CustomerDoc>(CUSTOMERS);
    const shapes: [string, () => Promise<unknown>][] = [
      ['page: find({}).sort({_id:1}).limit(51)', () => c.find({}).sort({ _id: 1 }).limit(51).toArray()],
      ['totalCount, no filter: estimatedDocumentCount()', () => countCustomers(c, {}, 10_000)],
      ['countDocuments({}) (what the no-filter case avoids)', () => c.countDocuments({})],
      [
        'totalCount, status filter (1/7 match): countDocuments(f, {limit: 10001})',
        () => countCustomers(c, { 'status.value': { $in: ['ACTIVE'] } }, 10_000),
      ],
      [
        'totalCount, name prefix matching all: capped at 10001',
        () => countCustomers(c, { nameLower: { $gte: 'name', $lt: 'name\uffff' } }, 10_000),
      ],
    ];
    for (const [name, run] of shapes)
      process.stdout.write(`${(await median(run)).toFixed(1).padStart(9)} ms  ${name}\n`);
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

void main();
