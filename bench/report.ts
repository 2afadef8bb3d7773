/**
 * The benchmark's results: bench/results/latest.json (the issue's format, extra fields beside it),
 * the console table with ratios and targets, and the figures of docs/benchmarks.md. Pure.
 */
import type { E2eResult } from './e2e/run-e2e';
import type { ThroughputResult } from './throughput/run-throughput';

/** Catch-up before this work, measured by hand: the processors folded 36 changes/s end to end. */
export const BASELINE_CHANGES_PER_S = 36;

export interface LatestJson {
  throughput: {
    ours_eps: number;
    mongo_sink_eps: number;
    kafka_read_eps: number;
    db_upsert_eps: number;
    events: number;
    seconds: { ours: number; mongo_sink: number; kafka_read: number; db_upsert: number };
    sink: {
      max_batch_size: number;
      bulk_write_ordered: boolean;
      tasks_per_topic: number;
      documents: number;
      wrong: number;
    };
    db_upsert_batch_size: number;
    ours_customers: number;
    ours_round_trips_per_event: number;
  };
  catch_up: {
    changes: number;
    seconds: number | null;
    changes_per_s: number | null;
    customers: number;
    load_changes: number;
    churn_changes: number;
  };
  freshness_ms: {
    p50: number | null;
    p95: number | null;
    p99: number | null;
    rate: number;
    target_rate: number;
    samples: number;
    unseen: number;
    max: number | null;
    view_equals_oracle_after: boolean | null;
  };
  rss_mb: { processors: number | null };
  /** Operators' commands on the caught-up view of the end-to-end run. */
  operations?: {
    reconcile_s: number;
    reconcile_customers: number;
    reconcile_drifted: number;
    /** `backfill rebuild` of the same view while the processors run (replay, verify, switch). */
    rebuild_s?: number | null;
    rebuild_switched?: boolean;
    rebuild_equals_oracle?: boolean;
  };
  machine: string;
  versions: Record<string, string>;
  mode: 'quick' | 'full';
  date: string;
  command: string;
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const maybe = (n: number | null, digits = 0) => (n === null ? null : round(n, digits));

export function buildResults(
  t: ThroughputResult,
  e: E2eResult,
  meta: {
    machine: string;
    versions: Record<string, string>;
    mode: 'quick' | 'full';
    date: string;
    command: string;
  },
): LatestJson {
  return {
    throughput: {
      ours_eps: round(t.ours.eps, 1),
      mongo_sink_eps: round(t.sink.eps, 1),
      kafka_read_eps: round(t.kafkaRead.eps),
      db_upsert_eps: round(t.dbUpsert.eps, 1),
      events: t.events,
      seconds: {
        ours: round(t.ours.seconds, 2),
        mongo_sink: round(t.sink.seconds, 2),
        kafka_read: round(t.kafkaRead.seconds, 3),
        db_upsert: round(t.dbUpsert.seconds, 2),
      },
      sink: {
        max_batch_size: t.sink.tuning.batchSize,
        bulk_write_ordered: t.sink.tuning.ordered,
        tasks_per_topic: t.sink.tuning.tasks,
        documents: t.sink.documents,
        wrong: t.sink.wrong,
      },
      db_upsert_batch_size: t.dbUpsert.batchSize,
      ours_customers: t.ours.customers,
      ours_round_trips_per_event: round(t.ours.roundTrips / t.events, 1),
    },
    catch_up: {
      changes: e.catchUp.changes,
      seconds: maybe(e.catchUp.seconds, 1),
      changes_per_s: e.catchUp.seconds === null ? null : round(e.catchUp.changes / e.catchUp.seconds, 1),
      customers: e.catchUp.customersInView,
      load_changes: e.catchUp.load.changes,
      churn_changes: e.catchUp.churn.changes,
    },
    freshness_ms: {
      p50: maybe(e.freshness.p50),
      p95: maybe(e.freshness.p95),
      p99: maybe(e.freshness.p99),
      rate: round(e.freshness.rate, 1),
      target_rate: e.freshness.targetRate,
      samples: e.freshness.samples,
      unseen: e.freshness.unseen,
      max: maybe(e.freshness.max),
      view_equals_oracle_after:
        e.freshness.finalDiff === null ? null : e.freshness.finalDiff.mismatches === 0,
    },
    rss_mb: { processors: maybe(e.rssMb, 1) },
    operations: {
      reconcile_s: round(e.reconcile.seconds, 1),
      reconcile_customers: e.reconcile.customers,
      reconcile_drifted: e.reconcile.drifted,
      ...(e.rebuild && {
        rebuild_s: round(e.rebuild.seconds, 1),
        rebuild_switched: e.rebuild.switched,
        rebuild_equals_oracle: e.rebuild.viewEqualsOracle,
      }),
    },
    ...meta,
  };
}

export interface Target {
  what: string;
  value: string;
  target: string;
  met: boolean;
}

/** The issue's targets, judged on the results (the bench reports them; nothing fails on them). */
export function targets(r: LatestJson): Target[] {
  const t = r.throughput;
  const f = r.freshness_ms;
  const catchUp = r.catch_up.changes_per_s;
  return [
    {
      what: 'ours / sink connector',
      value: `${round(t.ours_eps / t.mongo_sink_eps, 2)}×`,
      target: '≥ 2×',
      met: t.ours_eps >= 2 * t.mongo_sink_eps,
    },
    {
      what: 'ours / bare bulk upserts',
      value: `${round(t.ours_eps / t.db_upsert_eps, 2)}×`,
      target: '≥ 0.5×',
      met: t.ours_eps >= 0.5 * t.db_upsert_eps,
    },
    {
      what: 'catch-up through Debezium',
      value:
        catchUp === null
          ? 'did not catch up'
          : `${catchUp} changes/s = ${round(catchUp / BASELINE_CHANGES_PER_S, 1)}× the ${BASELINE_CHANGES_PER_S}/s baseline`,
      target: `≥ 10× (${10 * BASELINE_CHANGES_PER_S}/s)`,
      met: catchUp !== null && catchUp >= 10 * BASELINE_CHANGES_PER_S,
    },
    {
      what: `freshness p99 at ${f.target_rate} changes/s`,
      value:
        f.p99 === null
          ? 'no sample seen'
          : `${f.p99} ms at ${f.rate}/s${f.unseen > 0 ? ` (${f.unseen} of ${f.samples} samples never seen)` : ''}`,
      target: '< 1000 ms',
      met: f.p99 !== null && f.p99 < 1000 && f.unseen === 0 && f.rate >= 0.95 * f.target_rate,
    },
    {
      what: 'processors peak RSS',
      value: r.rss_mb.processors === null ? 'unknown' : `${r.rss_mb.processors} MB`,
      target: '< 300 MB',
      met: r.rss_mb.processors !== null && r.rss_mb.processors < 300,
    },
  ];
}

/** A Markdown table (prettier aligns it). */
export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export function throughputTable(r: LatestJson): string {
  const t = r.throughput;
  // Two decimals, or two significant digits for the small ratio to the bare read.
  const ratio = (eps: number) => {
    const r = t.ours_eps / eps;
    return r >= 0.1 ? round(r, 2) : Number(r.toPrecision(2));
  };
  return table(
    ['consumer (same topics, same store)', 'seconds', 'events/s', 'ours ÷ this'],
    [
      [
        'bare kafkajs read (no writes: the ceiling of reading)',
        t.seconds.kafka_read,
        t.kafka_read_eps,
        ratio(t.kafka_read_eps),
      ],
      [
        `bare driver bulkWrite(replaceOne upsert), batches of ${t.db_upsert_batch_size}, 3 writers`,
        t.seconds.db_upsert,
        t.db_upsert_eps,
        ratio(t.db_upsert_eps),
      ],
      [
        `MongoDB sink connector 2.0.1, max.batch.size=${t.sink.max_batch_size}, 3 connectors × ${t.sink.tasks_per_topic} task`,
        t.seconds.mongo_sink,
        t.mongo_sink_eps,
        ratio(t.mongo_sink_eps),
      ],
      ['**ours**: merged into one document per customer', t.seconds.ours, t.ours_eps, 1],
    ],
  );
}

export function targetsTable(r: LatestJson): string {
  return table(
    ['target', 'measured', 'wanted', 'met'],
    targets(r).map((t) => [t.what, t.value, t.target, t.met ? 'yes' : '**no**']),
  );
}

export function endToEndTable(r: LatestJson): string {
  const c = r.catch_up;
  const f = r.freshness_ms;
  return table(
    ['end to end through Debezium', 'value'],
    [
      [
        `catch-up: ${c.load_changes} rows loaded + ${c.churn_changes} churn changes (${c.customers} customers in the view)`,
        c.seconds === null ? 'did not catch up' : `${c.seconds} s = ${c.changes_per_s} changes/s`,
      ],
      [
        `freshness p50 / p95 / p99 at ${f.rate} changes/s (${f.samples} samples)`,
        `${f.p50} / ${f.p95} / ${f.p99} ms`,
      ],
      [
        'view equals the SQL oracle after the steady load',
        f.view_equals_oracle_after === null ? 'not checked' : f.view_equals_oracle_after ? 'yes' : '**no**',
      ],
      ['processors peak RSS (VmHWM)', `${r.rss_mb.processors} MB`],
      ...(r.operations
        ? [
            [
              `\`customer-view reconcile\` of the caught-up view (${r.operations.reconcile_customers} customers)`,
              `${r.operations.reconcile_s} s, ${r.operations.reconcile_drifted} drifted`,
            ],
            ...(r.operations.rebuild_s != null
              ? [
                  [
                    '`customer-view backfill rebuild` of that view while the processors run (replay, verify, switch)',
                    `${r.operations.rebuild_s} s, switched: ${r.operations.rebuild_switched ? 'yes' : '**no**'}, new generation = oracle: ${r.operations.rebuild_equals_oracle ? 'yes' : '**no**'}`,
                  ],
                ]
              : []),
          ]
        : []),
    ],
  );
}
