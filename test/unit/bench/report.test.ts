import { benchmarksMarkdown } from '../../../bench/benchmarks-doc';
import { parseBenchArgs } from '../../../bench/args';
import type { E2eResult } from '../../../bench/e2e/run-e2e';
import { buildResults, targets, targetsTable, throughputTable } from '../../../bench/report';
import type { ThroughputResult } from '../../../bench/throughput/run-throughput';

const throughput = {
  events: 15_000,
  byTopic: { crm: 3000, billing: 3000, oms: 9000 },
  kafkaRead: { seconds: 0.4, eps: 37_500 },
  dbUpsert: { seconds: 10, eps: 1500, batchSize: 10, ordered: true, writers: 3 },
  sink: {
    seconds: 20,
    secondsFromStart: 22,
    documents: 5000,
    wrong: 0,
    eps: 750,
    tuning: { batchSize: 10, ordered: true, tasks: 1 },
  },
  ours: {
    seconds: 9.5,
    secondsFromStart: 11,
    applied: 15_000,
    stale: 0,
    deadLetters: 0,
    published: 100,
    customers: 1000,
    roundTrips: 18_000,
    eps: 1578.9,
  },
  sweep: [],
} satisfies ThroughputResult;

const diff = { expected: 20_010, actual: 20_010, mismatches: 0, examples: [] };
const e2e: E2eResult = {
  catchUp: {
    changes: 92_000,
    seconds: 200,
    load: { changes: 87_000, seconds: 3 },
    churn: { changes: 5000, seconds: 2 },
    customersInView: 20_010,
    diff,
  },
  freshness: {
    p50: 310,
    p95: 640,
    p99: 880.4,
    max: 1200,
    rate: 199.6,
    targetRate: 200,
    samples: 600,
    unseen: 0,
    seconds: 60,
    finalDiff: diff,
  },
  rssMb: 180.26,
  reconcile: { seconds: 4.26, customers: 20000, drifted: 0 },
  rebuild: { seconds: 321.04, switched: true, drifted: 0, viewEqualsOracle: true },
};
const meta = {
  machine: '2 × cpu',
  versions: { kafka: '4.3.0' },
  mode: 'full' as const,
  date: '2026-11-29T10:00:00Z',
  command: 'npm run bench',
};

describe('bench results', () => {
  const r = buildResults(throughput, e2e, meta);

  it('have the fields of the issue’s format', () => {
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['throughput', 'catch_up', 'freshness_ms', 'rss_mb', 'machine', 'versions']),
    );
    expect(r.throughput).toMatchObject({
      ours_eps: 1578.9,
      mongo_sink_eps: 750,
      kafka_read_eps: 37_500,
      db_upsert_eps: 1500,
    });
    expect(r.catch_up).toMatchObject({ changes: 92_000, seconds: 200 });
    expect(r.freshness_ms).toMatchObject({ p50: 310, p95: 640, p99: 880, rate: 199.6 });
    expect(r.rss_mb).toEqual({ processors: 180.3 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('judge every target', () => {
    expect(targets(r).map((t) => t.met)).toEqual([true, true, true, true, true]);
    const slow = buildResults(
      { ...throughput, ours: { ...throughput.ours, eps: 700 } },
      {
        ...e2e,
        catchUp: { ...e2e.catchUp, seconds: null },
        freshness: { ...e2e.freshness, unseen: 3 },
        rssMb: 310,
      },
      meta,
    );
    expect(targets(slow).map((t) => t.met)).toEqual([false, false, false, false, false]);
    expect(targetsTable(slow)).toContain('did not catch up');
    expect(targetsTable(slow)).toContain('3 of 600 samples never seen');
  });

  it('print ratios of ours to each consumer', () => {
    const t = throughputTable(r);
    expect(t.split('\n')).toHaveLength(6);
    expect(t).toContain('| 2.11 |'); // ours ÷ sink
    expect(t).toContain('| 1.05 |'); // ours ÷ bare upserts
    expect(t).toContain('| 0.042 |'); // ours ÷ bare read
  });

  it('fill docs/benchmarks.md with the run, the command and the sink configuration', () => {
    const md = benchmarksMarkdown(r, { args: parseBenchArgs([]) });
    expect(md).toContain('npm run bench');
    expect(md).toContain('transforms.key.renames=cust_id:_id');
    expect(md).toContain('Where the time goes, and what a real MongoDB would change');
    expect(md).toContain('no sweep recorded yet');
    expect(md).toContain('| 4.3 s, 0 drifted |');
  });
});
