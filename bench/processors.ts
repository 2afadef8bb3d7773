/**
 * Processor throughput on the local stack: synthetic Debezium JSON change events (the envelope of
 * the captured fixtures, keys and values varied) on private 3-partition topics, consumed twice in
 * the same run: by a bare consumer that only reads (the ceiling Kafka and kafkajs set here), and by
 * the real pipeline into a private database. The ratio of the two is the figure to compare.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import codeMapsJson from '../mappings/code-maps.json';
import type { Endpoints } from '../src/config/endpoints';
import { REPO_ROOT } from '../src/config/stack-config';
import { createCodeMaps } from '../src/domain/code-maps';
import { createAdmin, createConsumer, createProducer } from '../src/kafka/kafka-client';
import { createPipeline } from '../src/processors/pipeline';
import { registryDeps } from '../src/processors/registry-deps';

export interface ProcessorBenchOptions {
  customers: number;
  /** Versions of each row (1 create + updates). */
  versions: number;
  ordersPerCustomer: number;
}

export interface ProcessorBenchResult {
  events: number;
  rawSeconds: number;
  pipelineSeconds: number;
  rawRate: number;
  pipelineRate: number;
  customersInView: number;
  roundTrips: number;
  roundTripMs: number;
}

type Template = {
  key: { schema: unknown; payload: Record<string, unknown> };
  value: { schema: unknown; payload: Record<string, unknown> };
};

function template(system: string, table: string): Template {
  const file = path.join(REPO_ROOT, 'test/fixtures/debezium', system, table, 'json', '04-update.json');
  const f = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; value: string };
  return {
    key: JSON.parse(Buffer.from(f.key, 'base64').toString()),
    value: JSON.parse(Buffer.from(f.value, 'base64').toString()),
  };
}

/** One change event per row version, positions increasing in production order. */
function* syntheticEvents(o: ProcessorBenchOptions) {
  const crm = template('crm', 'customers');
  const billing = template('billing', 'accounts');
  const oms = template('oms', 'orders');
  const codes = ['P', 'A', 'A', 'I'];
  const states = ['OPEN', 'GRACE', 'OPEN', 'DUNNING'];
  let lsn = 1_000_000_000n;
  let binlogPos = 4;
  const now = Date.now();
  const msg = (
    t: Template,
    keyPayload: Record<string, unknown>,
    after: Record<string, unknown>,
    source: Record<string, unknown>,
    op: string,
  ) => ({
    key: JSON.stringify({ schema: t.key.schema, payload: keyPayload }),
    value: JSON.stringify({
      schema: t.value.schema,
      payload: {
        ...t.value.payload,
        op,
        before: null,
        after,
        source: { ...(t.value.payload.source as object), ...source },
      },
    }),
  });
  for (let v = 0; v < o.versions; v++) {
    const op = v === 0 ? 'c' : 'u';
    for (let c = 0; c < o.customers; c++) {
      const custId = 100_000 + c;
      binlogPos += 500;
      yield {
        topic: 'crm' as const,
        ...msg(
          crm,
          { cust_id: custId },
          {
            ...(crm.value.payload.after as object),
            cust_id: custId,
            cust_name: `Bench ${c}`,
            email: `bench.${c}@example.cn`,
            cust_status: codes[(c + v) % codes.length],
            vip_level: c % 4,
          },
          { file: 'mariadb-bin.000009', pos: binlogPos, row: 0, ts_ms: now, gtid: null },
          op,
        ),
      };
      lsn += 100n;
      const accountNo = `BB${String(c).padStart(8, '0')}`;
      yield {
        topic: 'billing' as const,
        ...msg(
          billing,
          { account_no: accountNo },
          {
            ...(billing.value.payload.after as object),
            account_no: accountNo,
            // Half the accounts attach by crm_ref, half by email, as in the migrated 2016 accounts.
            crm_ref: c % 2 === 0 ? String(custId) : null,
            contact_email: `bench.${c}@example.cn`,
            acct_state: states[(c + v) % states.length],
          },
          { lsn: Number(lsn), sequence: JSON.stringify([String(lsn), String(lsn)]), ts_ms: now },
          op,
        ),
      };
      for (let i = 0; i < o.ordersPerCustomer; i++) {
        lsn += 100n;
        const id = c * o.ordersPerCustomer + i + 1;
        yield {
          topic: 'oms' as const,
          ...msg(
            oms,
            { id },
            {
              ...(oms.value.payload.after as object),
              id,
              order_no: `SB${String(id).padStart(10, '0')}`,
              buyer_code: `C${custId}`,
              state: [10, 20, 30, 40, 50][(i + v) % 5],
              total_fen: 1000 + id,
            },
            { lsn: Number(lsn), sequence: JSON.stringify([String(lsn), String(lsn)]), ts_ms: now },
            op,
          ),
        };
      }
    }
  }
}

export async function runProcessorBench(
  endpoints: Endpoints,
  o: ProcessorBenchOptions = { customers: 300, versions: 3, ordersPerCustomer: 3 },
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<ProcessorBenchResult> {
  const run = `bench_${Date.now().toString(36)}`;
  const topics = { crm: `${run}.crm`, billing: `${run}.billing`, oms: `${run}.oms` };
  const brokers = endpoints.KAFKA_BROKERS;
  const admin = createAdmin({ brokers, clientId: 'csv-bench' });
  await admin.connect();
  await admin.createTopics({
    topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  const producer = createProducer({ brokers, clientId: 'csv-bench' });
  await producer.connect();
  let events = 0;
  let pending: Array<{ topic: string; key: string; value: string }> = [];
  const flush = async () => {
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const m of pending)
      byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    pending = [];
  };
  for (const e of syntheticEvents(o)) {
    pending.push({ topic: topics[e.topic], key: e.key, value: e.value });
    events += 1;
    if (pending.length >= 250) await flush(); // stays under the broker's 1 MB request limit
  }
  await flush();
  await producer.disconnect();
  log(`produced ${events} change events on ${Object.values(topics).join(', ')} (3 partitions each)`);

  // Baseline: read everything with a bare consumer, no decoding and no writes.
  const raw = createConsumer({ brokers, clientId: 'csv-bench-raw', groupId: `${run}_raw` });
  await raw.connect();
  await raw.subscribe({ topics: Object.values(topics), fromBeginning: true });
  let seen = 0;
  const rawStart = Date.now();
  await new Promise<void>((resolve) => {
    void raw.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= events) resolve();
      },
    });
  });
  const rawSeconds = (Date.now() - rawStart) / 1000;
  await raw.disconnect();
  log(`bare consumer: ${events} events in ${rawSeconds.toFixed(2)}s`);

  const mongo = new MongoClient(endpoints.MONGO_URL, { monitorCommands: true });
  const commands = new Map<string, number>();
  mongo.on('commandStarted', (e) => commands.set(e.commandName, (commands.get(e.commandName) ?? 0) + 1));
  await mongo.connect();
  const db = mongo.db(run);
  const pipeline = createPipeline({
    brokers,
    groupId: `${run}_pipeline`,
    dlqTopic: `${run}.dlq`,
    stateTopic: `${run}.state`,
    ...registryDeps(endpoints.SCHEMA_REGISTRY_URL),
    routes: {
      crmTopic: topics.crm,
      billingTopic: topics.billing,
      omsTopic: topics.oms,
      crmTimeZone: 'Asia/Shanghai',
      omsTimeZone: 'Asia/Shanghai',
    },
    codeMaps: createCodeMaps(codeMapsJson),
    db,
    log: (event, fields) => {
      if (event !== 'batch') log(`  ${event} ${JSON.stringify(fields ?? {})}`);
    },
  });
  const pipeStart = Date.now();
  await pipeline.start();
  for (;;) {
    const t = pipeline.totals;
    if (t.applied + t.stale + t.deadLetters >= events) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const pipelineSeconds = (Date.now() - pipeStart) / 1000;
  await pipeline.stop();
  const roundTrips = [...commands.values()].reduce((a, b) => a + b, 0);
  log(`round trips: ${roundTrips} (${JSON.stringify(Object.fromEntries(commands))})`);
  // The same store's floor: single-document round trips on the same server, bare driver, same run.
  const probe = db.collection('bench_probe');
  await probe.insertOne({ _id: 'p' as unknown as never, n: 0 });
  const probeStart = Date.now();
  for (let i = 0; i < 500; i++) await probe.updateOne({ _id: 'p' as unknown as never }, { $set: { n: i } });
  const roundTripMs = (Date.now() - probeStart) / 500;
  log(`bare driver: ${roundTripMs.toFixed(2)} ms per sequential single-document update`);
  const customersInView = await db.collection('customers').countDocuments();
  log(
    `pipeline: ${events} events in ${pipelineSeconds.toFixed(2)}s ` +
      `(${pipeline.totals.applied} applied, ${pipeline.totals.stale} folded or stale, ` +
      `${pipeline.totals.published} status events, ${customersInView} customers)`,
  );
  await db.dropDatabase();
  await mongo.close();
  await admin
    .deleteTopics({ topics: [...Object.values(topics), `${run}.dlq`, `${run}.state`] })
    .catch(() => undefined);
  await admin.disconnect();
  return {
    events,
    rawSeconds,
    pipelineSeconds,
    rawRate: events / rawSeconds,
    pipelineRate: events / pipelineSeconds,
    customersInView,
    roundTrips,
    roundTripMs,
  };
}
