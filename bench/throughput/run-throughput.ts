/**
 * Throughput on the same topics and the same store, in one run: synthetic Debezium events produced
 * once, then read by a bare kafkajs consumer, written by the bare driver, copied by the MongoDB sink
 * connector (its own standalone worker) and merged by our processors, each into its own database.
 */
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { Endpoints } from '../../src/config/endpoints';
import { createAdmin, createProducer } from '../../src/kafka/kafka-client';
import type { SinkTuning } from '../sink/config';
import { ensureSinkPlugin } from '../sink/provision';
import { runSink, type SinkResult } from '../sink/run-sink';
import { startSinkWorker } from '../sink/worker';
import { rate } from '../stats';
import { runDbUpsert } from './db-upsert';
import { runKafkaRead } from './kafka-read';
import { runOurs, type OursResult } from './ours';
import {
  finalRows,
  produceEvents,
  syntheticEvents,
  type SyntheticOptions,
  type SyntheticTopic,
} from './synthetic';

export interface ThroughputOptions {
  synthetic: SyntheticOptions;
  sink: SinkTuning;
  /** Sink offsets commit period; the sink's measured end is at most this late. */
  sinkFlushMs: number;
  timeoutMs: number;
  /** Also run these sink configurations on the same worker and topics (--sink-sweep). */
  sweep?: SinkTuning[];
}

export interface ThroughputEnv {
  java: string;
  mvn: string;
  kafkaLib: string;
  benchDir: string;
  log4j: string;
}

export interface ThroughputResult {
  events: number;
  byTopic: Record<SyntheticTopic, number>;
  kafkaRead: { seconds: number; eps: number };
  dbUpsert: { seconds: number; eps: number; batchSize: number; ordered: boolean; writers: number };
  sink: SinkResult & { eps: number; tuning: SinkTuning };
  ours: OursResult & { eps: number };
  sweep: (SinkTuning & { eps: number; seconds: number; wrong: number })[];
}

type Cleanup = (what: string, fn: () => Promise<unknown>) => void;

export async function runThroughput(
  endpoints: Endpoints,
  env: ThroughputEnv,
  o: ThroughputOptions,
  run: string,
  log: (line: string) => void,
  cleanup: Cleanup,
): Promise<ThroughputResult> {
  const brokers = endpoints.KAFKA_BROKERS;
  const topics: Record<SyntheticTopic, string> = {
    crm: `${run}.crm`,
    billing: `${run}.billing`,
    oms: `${run}.oms`,
  };
  const admin = createAdmin({ brokers, clientId: 'csv-bench' });
  await admin.connect();
  cleanup('kafka admin', () => admin.disconnect());
  await admin.createTopics({
    topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  cleanup('synthetic topics', () =>
    admin
      .deleteTopics({ topics: [...Object.values(topics), `${run}.dlq`, `${run}.state`], timeout: 10_000 })
      .catch(() => undefined),
  );
  const events = [...syntheticEvents(o.synthetic)];
  const byTopic = { crm: 0, billing: 0, oms: 0 };
  for (const e of events) byTopic[e.topic] += 1;
  const producer = createProducer({ brokers, clientId: 'csv-bench' });
  await producer.connect();
  await produceEvents(producer, topics, events);
  await producer.disconnect();
  log(`produced ${events.length} change events on ${Object.values(topics).join(', ')} (3 partitions each)`);

  let commands = 0;
  const mongo = new MongoClient(endpoints.MONGO_URL, {
    monitorCommands: true,
    serverSelectionTimeoutMS: 10_000,
  });
  mongo.on('commandStarted', () => (commands += 1));
  await mongo.connect();
  const dbs = {
    upsert: mongo.db(`${run}_upsert`),
    sink: mongo.db(`${run}_sink`),
    ours: mongo.db(`${run}_ours`),
  };
  cleanup('throughput databases', async () => {
    for (const db of Object.values(dbs)) await db.dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  const raw = await runKafkaRead(brokers, `${run}_raw`, Object.values(topics), events.length, o.timeoutMs);
  const kafkaRead = { ...raw, eps: rate(events.length, raw.seconds) };
  log(
    `bare kafkajs read: ${events.length} events in ${raw.seconds.toFixed(2)}s = ${kafkaRead.eps.toFixed(0)}/s`,
  );

  const up = await runDbUpsert(dbs.upsert, events, { batchSize: o.sink.batchSize, ordered: o.sink.ordered });
  const dbUpsert = {
    seconds: up.seconds,
    eps: rate(events.length, up.seconds),
    batchSize: o.sink.batchSize,
    ordered: o.sink.ordered,
    writers: 3,
  };
  log(
    `bare driver bulk upserts: ${events.length} in ${up.seconds.toFixed(2)}s = ${dbUpsert.eps.toFixed(0)}/s`,
  );

  const pluginPath = await ensureSinkPlugin(env.benchDir, env.mvn);
  const worker = await startSinkWorker({
    java: env.java,
    kafkaLib: env.kafkaLib,
    pluginPath,
    brokers: brokers.join(','),
    dir: path.join(env.benchDir, 'run', run),
    log4j: env.log4j,
    flushIntervalMs: o.sinkFlushMs,
  });
  cleanup('sink worker', () => worker.stop());
  log(`sink worker pid ${worker.pid} at ${worker.url}`);
  let sinkRun: SinkResult;
  const finals = finalRows(events);
  const sweep: ThroughputResult['sweep'] = [];
  try {
    const sinkInto = (db: Db, tuning: SinkTuning, tag?: string) =>
      runSink({
        tag,
        worker,
        admin,
        db,
        mongoUrl: endpoints.MONGO_URL,
        run,
        topics,
        counts: byTopic,
        finals,
        tuning,
        timeoutMs: o.timeoutMs,
      });
    // A first, untimed pass warms the worker's JVM, so the timed run measures the connector, not JIT.
    const warm = mongo.db(`${run}_sink_warmup`);
    cleanup('sink warm-up database', () => warm.dropDatabase());
    await sinkInto(warm, o.sink, 'warmup-');
    await warm.dropDatabase();
    sinkRun = await sinkInto(dbs.sink, o.sink);
    log(
      `mongo sink connector: ${events.length} in ${sinkRun.seconds.toFixed(2)}s = ` +
        `${rate(events.length, sinkRun.seconds).toFixed(0)}/s (${sinkRun.documents} documents, ${sinkRun.wrong} wrong)`,
    );
    for (const [i, tuning] of (o.sweep ?? []).entries()) {
      const db = mongo.db(`${run}_sweep${i}`);
      cleanup(`sweep database ${i}`, () => db.dropDatabase());
      const r = await sinkInto(db, tuning);
      const eps = rate(events.length, r.seconds);
      sweep.push({ ...tuning, eps, seconds: r.seconds, wrong: r.wrong });
      log(`  sweep ${JSON.stringify(tuning)}: ${eps.toFixed(0)}/s, ${r.wrong} wrong`);
      await db.dropDatabase();
    }
  } finally {
    await worker.stop();
  }
  const sink = { ...sinkRun, eps: rate(events.length, sinkRun.seconds), tuning: o.sink };
  const oursRun = await runOurs({
    brokers,
    registryUrl: endpoints.SCHEMA_REGISTRY_URL,
    mongo,
    commandCount: () => commands,
    db: dbs.ours,
    run,
    topics,
    events: events.length,
    timeoutMs: o.timeoutMs,
  });
  const ours = { ...oursRun, eps: rate(events.length, oursRun.seconds) };
  log(
    `ours: ${events.length} in ${ours.seconds.toFixed(2)}s = ${ours.eps.toFixed(0)}/s ` +
      `(${ours.customers} customers, ${(ours.roundTrips / events.length).toFixed(1)} round trips per event)`,
  );
  return { events: events.length, byTopic, kafkaRead, dbUpsert, sink, ours, sweep };
}
