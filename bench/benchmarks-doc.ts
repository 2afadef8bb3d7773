/** The text of docs/benchmarks.md around the figures of one run. Pure. */
import type { BenchArgs } from './args';
import {
  BASELINE_CHANGES_PER_S,
  endToEndTable,
  table,
  targetsTable,
  throughputTable,
  type LatestJson,
} from './report';
import { sinkConnectorConfig } from './sink/config';

export function benchmarksMarkdown(r: LatestJson, o: { args: BenchArgs; sweep?: SweepFile }): string {
  const cfg = sinkConnectorConfig({
    name: '<run>-sink-crm',
    topic: '<run>.crm',
    keyField: 'cust_id',
    mongoUrl: 'mongodb://127.0.0.1:27117/?maxPoolSize=20',
    database: '<run>_sink',
    collection: 'customers',
    tuning: {
      batchSize: r.throughput.sink.max_batch_size,
      ordered: r.throughput.sink.bulk_write_ordered,
      tasks: r.throughput.sink.tasks_per_topic,
    },
  });
  return `# Benchmarks

Measured by \`${r.command}\` on ${r.date.slice(0, 10)} (${r.mode} run), ${r.machine}, against the local stack:
Kafka ${r.versions.kafka} (one KRaft broker), Kafka Connect ${r.versions.kafka_connect} with Debezium ${r.versions.debezium},
FerretDB ${r.versions.ferretdb} on PostgreSQL ${r.versions.postgres} as the MongoDB, MariaDB ${r.versions.mariadb},
Node ${r.versions.node}, kafkajs ${r.versions.kafkajs}, MongoDB driver ${r.versions.mongodb_driver}, MongoDB Kafka connector
${r.versions.mongo_kafka_connect}. Everything shares the machine's cores. Raw figures: [bench/results/latest.json](../bench/results/latest.json).

## Targets

${targetsTable(r)}

## Throughput: the same topics, the same store

${r.throughput.events} synthetic Debezium JSON change events (the captured fixtures' envelope, keys and values varied:
${o.args.syntheticCustomers} customers, each with one billing account, half linked by \`crm_ref\` and half by email, and 3
orders; every row in 3 versions) on three private topics of 3 partitions, produced once and consumed by each
consumer in turn, each into its own database of the same FerretDB:

${throughputTable(r)}

- **Bare kafkajs read**: one consumer of the three topics, counting messages; from the first batch delivered
  to the last.
- **Bare driver**: the row image (\`after\`) of every event as a document with the row's key as a scalar \`_id\`,
  \`bulkWrite\` of \`replaceOne\` upserts in the sink's batch size (${r.throughput.db_upsert_batch_size}), ordered, one writer
  per table in parallel (the sink runs one task per topic). Every version is written, as the sink writes
  them, so events/s compare directly.
- **MongoDB sink connector**: \`${'org.mongodb.kafka:mongo-kafka-connect:2.0.1'}\` (classifier \`all\`), fetched from Maven
  Central into \`.stack/bench/plugins/\`, in its own \`ConnectStandalone\` worker (loopback REST port, own offsets
  file, \`-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1\`, \`offset.flush.interval.ms=500\`), one connector per
  topic writing one collection per table: one document per source row, nothing merged. Timed from its first
  document to the moment its consumer groups (\`connect-<name>\`) have committed every offset (so the end may be
  up to 0.5 s late), then checked: ${r.throughput.sink.documents} documents, ${r.throughput.sink.wrong} missing or not
  at the row's final version.
- **Ours**: the real pipeline (\`createConfiguredPipeline\`, as \`customer-view processors\` wires it) into a private database:
  decode, map codes, store position-guarded facts, rebuild the customer from the facts of all three systems
  (identity by \`crm_ref\`, email or buyer code), orders, status events on a private customer-state topic,
  offsets committed after the writes. Timed from its first write to the view until every event is accounted
  for (applied, folded or stale, dead-lettered). ${r.throughput.ours_customers} customer documents;
  ${r.throughput.ours_round_trips_per_event} MongoDB round trips per event.

### The sink's configuration, and why it is the best documented one here

\`\`\`properties
${Object.entries(cfg)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n')}
\`\`\`

${sinkRationale(o.sweep)}

## End to end through Debezium

The generator (\`bench/workload/\`) writes into private copies of the three legacy databases (demo schema and
sample rows, each with its own Debezium connector built from \`connectors/\`, JSON converter, topics of 3
partitions): ${o.args.customers} customers (cust_status codes, vip 0–3, emails sometimes NULL, mixed case or padded),
about 1.15 billing accounts each (15% migrated: \`crm_ref\` NULL, linked by \`contact_email\`; 1% owned by nobody)
and about 2.2 orders each (OMS state codes, 2% with buyer codes matching nobody, 0.1% an unknown code), in
multi-row INSERTs of 1,000 rows, 5 per transaction; then ${o.args.churn} churn changes (statuses, states, emails,
deletes, new customers and orders) in transactions of 200. The processors run as their own process
(\`customer-view processors\`, the environment of \`childEnv\` with a private group, database,
topics and HTTP port).

${endToEndTable(r)}

- **Catch-up**: from the first generator write until the whole view equals the SQL oracle of the three copies
  (\`harness/legacy/oracle.ts\`, independent of \`src/domain\`). Polled cheaply first (every Debezium message on
  its topic and committed by the processors' group), then the whole view is compared. The baseline is the
  ${BASELINE_CHANGES_PER_S} changes/s measured by hand before.
- **Freshness**: the GraphQL API (\`createGraphqlServer\`, on a free port, over the bench's database) while the
  generator commits ${o.args.rate} changes/s for ${o.args.steadySeconds} s, each its own autocommit statement (the same mix
  without CRM deletes); one change in ${o.args.sampleEvery} renames a CRM customer to a unique marker, and
  \`customer(id:)\` is polled every 50 ms until the marker or a later one shows: the oldest pending sample, and
  the next ones while they are visible (samples show up roughly in commit order), one key per request (the
  API loads several keys with \`$in\`, which FerretDB answers by decoding the whole collection; such polls
  piled up and starved the processors at 20,000 customers). Samples are awaited
  until seen, or until the processors have consumed everything (then an unseen one is counted as lost).
  Latency = visible − the time the source COMMIT returned; it includes Debezium's capture, Kafka, the
  processors and the API read.
- **RSS**: VmHWM of the processors' process at the end, in MB.

## Where the time goes, and what a real MongoDB would change

FerretDB ${r.versions.ferretdb} translates every command into SQL on PostgreSQL, which here shares two cores with
Kafka, Connect, MariaDB and the bench. The stack's FerretDB serves equality from GIN indexes, so lookups and
guarded updates no longer grow with the collection (\`docs/ferretdb.md\`), but each update statement still
costs it 1.2–2 ms of CPU (read the JSONB row, decode, apply, encode, write back) and each point read 1.3–2.4 ms:

- **Ours against the sink and bare upserts.** Ours stores, per event, the source row (\`facts\`), the order
  (\`orders\`) where it is one, and the customer it changes (\`customers\`, merged from three systems): about
  three update statements where the sink and the bare writers store one unmerged document. Round trips are
  no longer the cost (about 0.4 per event, a handful of commands per batch: \`docs/design.md\`); the
  statements are. On MongoDB an update by \`_id\` costs tens of microseconds and \`$in\` reads are index lookups
  (\`PROCESSOR_KEY_READS=auto\` uses them there), so all three rise and the store stops being the limit of a
  batch-shaped consumer; we expect ours to gain most, having the fewest commands per event, but have no
  MongoDB here to measure it.
- **Freshness** at a steady rate is where this shows most. Catch-up is mostly new rows, which go out as
  \`insertMany\` (about 0.1 ms per document here); the steady load is updates of rows spread over all
  customers, so little folds within a batch and each change costs its own update statements and reads. Where
  the rate is above what FerretDB applies that way on these two cores, the backlog grows for the whole steady
  phase and the percentiles measure that backlog more than the pipeline's latency (at 3,000 customers the
  same rate gave p50/p99 6.7/9.7 s: \`npm run bench -- e2e --scale 3000 --seconds 30\`).
- The sink with the Debezium \`RdbmsHandler\` (subdocument \`_id\`) is slow here only because FerretDB decodes
  every document for a subdocument \`_id\`; on MongoDB it would be close to the scalar-\`_id\` configuration.
- Bulk sizes: the stack's FerretDB carries the fix for its wedge (\`docs/ferretdb.md\`), so the sink's
  \`max.batch.size\` could grow; 10 to 50 measured the same within this machine's noise (sweep above).
- **Catch-up** and **freshness** include Debezium and Kafka, which a real MongoDB does not change.
  **kafka_read_eps** does not depend on the store. **RSS** includes tsx (about 35 MB: 136 MB idle under
  tsx, 102 MB as compiled JavaScript) and the batch's working set; caches of 5,000 rows and 2,500 customers
  or a 4 MiB fetch measured the same at 3,000 customers (300–308 MB).

## Reproduce

\`npm run bench\` (everything, ${'≥'} 20,000 customers; about 15–25 minutes here), \`npm run bench -- --quick\` (small
scales, 2–3 minutes), \`--scale <customers>\`, \`--rate <changes/s>\`, \`--seconds <steady load s>\`,
\`--sink-batch <n>\`, \`--sink-tasks <n>\`, \`--sink-unordered\`; \`npm run bench -- throughput\` or \`-- e2e\` runs one
part (printed, not written); \`npm run bench -- throughput --quick --sink-sweep\` records the sink sweep above in
\`bench/results/sink-sweep.json\` and \`npm run bench -- report\` writes this page again from the recorded results;
\`npm run bench -- graphql\` measures the API against the bare driver ([bench-graphql.md](bench-graphql.md)). Logs
of the processors and the sink's worker stay in \`.stack/bench/\`. The bench cleans up its topics, databases,
connectors, worker and processes at the end, also on failure or Ctrl-C.
`;
}

export interface SweepFile {
  date: string;
  events: number;
  chosen: { batchSize: number; ordered: boolean; tasks: number; eps: number };
  runs: {
    variant?: string;
    batchSize: number;
    ordered: boolean;
    tasks: number;
    eps: number;
    wrong: number;
  }[];
}

function sweepTable(sweep: SweepFile | undefined): string {
  if (!sweep) return '(no sweep recorded yet: run it to fill this table)';
  const row = (r: Omit<SweepFile['runs'][number], 'wrong'> & { wrong?: number }, note = '') => [
    `${r.variant ?? 'scalar-id'}${note}`,
    r.batchSize,
    r.ordered ? 'yes' : 'no',
    r.tasks,
    Math.round(r.eps),
  ];
  return table(
    ['configuration', 'max.batch.size', 'ordered', 'tasks per topic', 'events/s'],
    [row({ ...sweep.chosen, variant: 'scalar-id' }, ' (chosen)'), ...sweep.runs.map((r) => row(r))],
  );
}

/** Why the sink's configuration is the best documented one, and what was tried (\`--sink-sweep\`). */
export const sinkRationale = (
  sweep: SweepFile | undefined,
) => `The connector documents three ways to write Debezium events from a relational source:
the Debezium CDC handler (\`change.data.capture.handler=...cdc.debezium.rdbms.RdbmsHandler\`, which reads
\`op\`, \`before\` and \`after\` and writes \`_id\` = the key document, e.g. \`{cust_id: 1001}\`); a
flattening SMT plus a document id strategy (\`PartialKeyStrategy\` projects key fields, again into a
subdocument; \`ProvidedInKeyStrategy\` takes the key's \`_id\` field as it is); and Debezium's own
\`ExtractNewRecordState\` SMT, which would need Debezium's jars in the sink's worker. For a one-column primary
key the best of them is the chosen one:

- **A scalar \`_id\`.** Kafka's built-in \`ExtractField$Value\` keeps the row image \`after\` (null for a delete)
  and \`ReplaceField$Key\` renames the key column to \`_id\`, so \`ProvidedInKeyStrategy\` writes the primary
  key itself as \`_id\`: the natural document shape, the unique index every MongoDB has, and the only filter
  FerretDB pushes down. A subdocument \`_id\` (the handler, \`PartialKeyStrategy\`) is scanned by FerretDB: about
  a tenth of the rate in the sweep below, as measured by hand before (87 events/s).
- **Upserts and deletes by \`_id\`.** The default \`ReplaceOneDefaultStrategy\` replaces the whole document by
  \`_id\` with upsert, so a redelivered or replayed event is harmless; \`delete.on.null.values=true\` turns
  a delete (null \`after\`) and its tombstone into a delete by \`_id\` (it needs a key-based id strategy).
- **Ordered bulk writes** (\`bulk.write.ordered=true\`, the default): two versions of a row in one batch must
  apply in order; unordered writes may apply them in any order and leave an older version.
- **\`max.batch.size=10\`.** The default (0: the whole poll, up to 500 records) would hang FerretDB, which
  holds a PostgreSQL connection per matching statement of a command (pool 200). Every size from 1 to 50
  measures the same within this machine's noise, because each upsert is its own statement in FerretDB; 10
  keeps three tasks' commands far below the pool.
- **One connector per topic, one task each** (a collection per table needs its own \`collection\` and
  transforms, and the key column differs per table): three tasks in parallel, the same parallelism as the
  bare writers. Three tasks per topic (one per partition) is within this machine's noise of it (sweep below): with
  two cores, FerretDB, not the sink's parallelism, is the limit.

\`npm run bench -- throughput --quick --sink-sweep\` runs the alternatives on the same topics, each with its own
connectors and database (${sweep ? `${sweep.events} events, ${sweep.date.slice(0, 10)}` : 'not run yet'}; one run on the
shared machine, so differences under about 30% are noise):

${sweepTable(sweep)}`;
