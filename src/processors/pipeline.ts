/**
 * The processors: consume the Debezium topics, gather each fetch's partition batches into one batch
 * (batch-window.ts), process it, publish dead letters and status changes, and commit offsets only
 * after the view write and those publications were acknowledged.
 */
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Db } from 'mongodb';
import type { CodeMaps } from '../domain/code-maps';
import {
  createAdmin,
  createConsumer,
  createProducer,
  type Admin,
  type EachBatchPayload,
} from '../kafka/kafka-client';
import { classify } from '../shared/errors';
import { createStore, storedFacts, type Store } from '../store/create-store';
import { createGenerationFollower } from '../store/generation-follower';
import { resolveKeyReadShape, type KeyReadShape } from '../store/key-reads';
import { revFloor } from '../store/view-generations';
import type { ProgressUpdate } from '../store/progress-docs';
import { createBatchWindow } from './batch-window';
import type { RawMessage } from './decode/change-event';
import type { Decoder } from './decode/decode-message';
import { deadLetterRecord } from './dead-letters';
import { createMetrics } from './metrics';
import { processBatch } from './process-batch';
import { createPublicationQueue } from './publication-queue';
import { createRouter, type RouteConfig } from './route-change';
import { createStatePublisher } from './state-publisher';

export interface PipelineDeps {
  brokers: string[];
  groupId: string;
  dlqTopic: string;
  /** customer-state.v1 */
  stateTopic: string;
  /** Partitions when the pipeline creates the status topic. Default 3. */
  stateTopicPartitions?: number;
  /** Registers and encodes the status topic's Avro schema. */
  schemaRegistry: SchemaRegistry;
  routes: RouteConfig;
  codeMaps: CodeMaps;
  decoder: Decoder;
  /**
   * The configured MONGO_DB. The view is written where its generation pointer says
   * (store/view-generations.ts), followed between batches, unless `target` fixes the database.
   */
  db: Db;
  /** Write this database, with this revision floor, whatever the pointer says (a rebuild's shadow). */
  target?: { db: Db; revFloor: number };
  /** Awaited after each batch with its size: a rebuild's rate limit. */
  throttle?: (events: number) => Promise<void>;
  log: (event: string, fields?: Record<string, unknown>) => void;
  /** Shape of the store's reads by key; `auto` asks the server (key-reads.ts). Default auto. */
  keyReads?: KeyReadShape | 'auto';
  /** Partitions processed in one batch at most (kafkajs `partitionsConsumedConcurrently`). Default 64. */
  partitionsPerBatch?: number;
  /** Bytes fetched per partition and request. Default 1 MiB. */
  maxBytesPerPartition?: number;
  /** Bytes fetched per request over all partitions: the upper bound of a batch. Default 10 MiB. */
  maxBytes?: number;
  /** Rows and customers the store remembers between batches (store/write-through.ts). */
  remember?: { rows?: number; customers?: number };
  /** Concurrent commands a large bulk of updates is split into (store/parallel-updates.ts). */
  writeParts?: number;
  /** Status changes kept per customer (domain/status-history.ts). Default 50. */
  statusHistoryLimit?: number;
}

/** One partition's share of a batch, with what the commit and the metrics need. */
interface PartitionBatch {
  topic: string;
  partition: number;
  messages: RawMessage[];
  lastOffset: string;
  offsetLag: string;
  heartbeat: () => Promise<void>;
}

/** kafkajs gives a repeated header as an array; a dead letter keeps its first value. */
function ownHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined>) {
  const out: Record<string, Buffer> = {};
  for (const [name, v] of Object.entries(headers)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[name] = Buffer.from(first);
  }
  return out;
}

/** kafkajs drops a member that stays silent for its session timeout (30 s): keep talking meanwhile. */
const HEARTBEAT_MS = 3000;

export function createPipeline(deps: PipelineDeps) {
  const router = createRouter(deps.routes, deps.codeMaps);
  let store: Store = createStore({ db: deps.db, codeMapsVersion: deps.codeMaps.version });
  let keyReads: KeyReadShape = 'in';
  /** Which database and floor `store` writes: a switch of the pointer makes a new store. */
  let storeTarget = '';
  // Followed only when no target fixes the database (started in start()).
  const follower = createGenerationFollower({
    base: deps.db,
    onSwitch: (from, to) =>
      deps.log('generation-switch', {
        from: from.db,
        to: to.db,
        seq: to.seq,
        note: 'writing the new generation',
      }),
    onError: (e) => deps.log('generation-poll-failed', { error: (e as Error).message }),
  });
  function locate(): { db: Db; revFloor: number } {
    if (deps.target) return deps.target;
    const { db, generation } = follower.current();
    return { db, revFloor: revFloor(generation.seq) };
  }
  /** The store of the generation to write now; a new one (nothing remembered) after a switch. */
  function currentStore(): Store {
    const target = locate();
    const key = `${target.db.databaseName}@${target.revFloor}`;
    if (key === storeTarget) return store;
    storeTarget = key;
    store = createStore({
      db: target.db,
      codeMapsVersion: deps.codeMaps.version,
      keyReads,
      revFloor: target.revFloor,
      ...(deps.remember && { remember: deps.remember }),
      ...(deps.writeParts && { writeParts: deps.writeParts }),
      ...(deps.statusHistoryLimit !== undefined && { historyLimit: deps.statusHistoryLimit }),
    });
    return store;
  }
  const reader = storedFacts(deps.codeMaps);
  const consumer = createConsumer({
    brokers: deps.brokers,
    clientId: 'csv-processor',
    groupId: deps.groupId,
    maxBytesPerPartition: deps.maxBytesPerPartition,
    maxBytes: deps.maxBytes,
  });
  const producer = createProducer({ brokers: deps.brokers, clientId: 'csv-processor-dlq' });
  const publisher = createStatePublisher({
    producer,
    registry: deps.schemaRegistry,
    topic: deps.stateTopic,
    ack: (entries) => store.acknowledge(entries),
  });
  const totals = { batches: 0, applied: 0, stale: 0, deadLetters: 0, published: 0 };
  const metrics = createMetrics();
  const publications = createPublicationQueue({
    publish: (entries) => publisher.publish(entries),
    onPublished: (n) => {
      metrics.recordPublished(n);
      totals.published += n;
    },
    log: deps.log,
  });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
    // Other partitions now: what this process remembers of rows and customers may be others' to change.
    store.forget();
  });
  consumer.on(consumer.events.CRASH, (e) => {
    joined = false;
    // kafkajs restarts the consumer after a retriable failure; the batch is re-read from the last commit.
    const error = classify(e.payload.error);
    deps.log('consumer-error', {
      error: e.payload.error.message,
      code: error.code,
      retriable: error.retriable,
      restart: e.payload.restart,
    });
  });

  async function processWindow(batches: PartitionBatch[]): Promise<void> {
    const started = Date.now();
    const beat = setInterval(() => void batches[0]?.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      const messages = batches.flatMap((b) => b.messages);
      const view = currentStore();
      const outcome = await processBatch(messages, { decoder: deps.decoder, router, store: view, reader });
      if (outcome.deadLetters.length > 0) {
        await producer.send({ topic: deps.dlqTopic, messages: outcome.deadLetters.map(deadLetterRecord) });
        for (const d of outcome.deadLetters) {
          deps.log('dead-letter', {
            topic: d.message.topic,
            partition: d.message.partition,
            offset: d.message.offset,
            reason: d.reason,
            detail: d.detail,
          });
        }
      }
      const progress: ProgressUpdate[] = [];
      for (const [topic, lastEventMs] of outcome.newestSourceTsMs) {
        const system = router.systemOf(topic);
        if (system) progress.push({ system, topic, lastEventMs });
      }
      await view.recordProgress(progress);
      // Only now is the batch durable in the view (and its poison in the DLQ): commit past it. Its
      // status events are durable too, in the documents' outbox: they go out behind the batch.
      await consumer.commitOffsets(
        batches.map((b) => ({
          topic: b.topic,
          partition: b.partition,
          offset: (BigInt(b.lastOffset) + 1n).toString(),
        })),
      );
      const statusEvents = outcome.events.reduce((n, e) => n + e.events.length, 0);
      await publications.enqueue(outcome.events);
      await deps.throttle?.(messages.length);
      const seconds = (Date.now() - started) / 1000;
      metrics.recordBatch(
        outcome,
        batches.map((b) => ({
          system: router.systemOf(b.topic) ?? 'unknown',
          topic: b.topic,
          partition: b.partition,
          offsetLag: b.offsetLag,
        })),
        seconds,
      );
      totals.batches += 1;
      totals.applied += outcome.applied;
      totals.stale += outcome.stale;
      totals.deadLetters += outcome.deadLetters.length;
      deps.log('batch', {
        partitions: batches.map((b) => `${b.topic}/${b.partition}`).join(','),
        messages: messages.length,
        applied: outcome.applied,
        stale: outcome.stale,
        deadLetters: outcome.deadLetters.length,
        customers: outcome.customers,
        statusEvents,
        ms: Date.now() - started,
      });
    } finally {
      clearInterval(beat);
    }
  }
  const window = createBatchWindow<PartitionBatch>({ run: processWindow });

  let stopping = false;
  async function eachBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    // Stopping: leave it unprocessed and uncommitted, for whoever reads the partition next.
    if (stopping || !isRunning() || isStale() || batch.messages.length === 0) return;
    const messages = batch.messages.map((m): RawMessage => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key ?? null,
      value: m.value ?? null,
      ...(m.headers && Object.keys(m.headers).length > 0 && { headers: ownHeaders(m.headers) }),
    }));
    await window.add(
      {
        topic: batch.topic,
        partition: batch.partition,
        messages,
        lastOffset: batch.lastOffset(),
        offsetLag: batch.offsetLag(),
        heartbeat,
      },
      messages.length,
    );
  }

  /**
   * An empty view with committed offsets means the view was lost (a new or wiped database, another
   * MONGO_DB) while Kafka kept the group's progress: nothing would ever fill it again. Rewind the
   * group to the start of the topics; replaying is safe because every write is position-guarded.
   */
  async function replayIntoEmptyView(admin: Admin): Promise<void> {
    if (!(await store.isEmpty())) return;
    for (const topic of router.topics) {
      const [committed] = await admin.fetchOffsets({ groupId: deps.groupId, topics: [topic] });
      if (!committed?.partitions.some((p) => p.offset !== '-1')) continue;
      try {
        await admin.resetOffsets({ groupId: deps.groupId, topic, earliest: true });
        deps.log('replay', {
          topic,
          group: deps.groupId,
          note: 'the view is empty: reading the topic again from its start',
        });
      } catch (e) {
        // Another instance is already consuming: it owns the group's offsets now.
        deps.log('replay-skipped', { topic, error: (e as Error).message });
      }
    }
  }

  return {
    totals,
    get store(): Store {
      return store;
    },
    registry: metrics.registry,
    /** Ready: in the consumer group, and MongoDB answers a ping. */
    async ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }> {
      const mongo = await deps.db.command({ ping: 1 }).then(
        (r) => r.ok === 1,
        () => false,
      );
      return { ok: joined && mongo, checks: { consumerGroup: joined, mongo } };
    },
    async start(): Promise<void> {
      keyReads = await resolveKeyReadShape(deps.db, deps.keyReads ?? 'auto');
      if (!deps.target) await follower.start();
      storeTarget = '';
      await currentStore().ensureIndexes();
      const admin = createAdmin({
        brokers: deps.brokers,
        clientId: 'csv-processor-admin',
      });
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: deps.dlqTopic }] }).catch(() => false);
      await admin
        .createTopics({
          topics: [{ topic: deps.stateTopic, numPartitions: deps.stateTopicPartitions ?? 3 }],
        })
        .catch(() => false);
      await replayIntoEmptyView(admin).finally(() => admin.disconnect());
      await producer.connect();
      await publisher.start();
      // Status changes a crash left in the outbox between a view write and its publication.
      const leftovers = await publisher.publish(await store.unpublished());
      if (leftovers > 0) deps.log('outbox', { published: leftovers, note: 'left by an earlier run' });
      await consumer.connect();
      await consumer.subscribe({ topics: router.topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: deps.partitionsPerBatch ?? 64,
        eachBatch,
      });
      deps.log('started', { group: deps.groupId, topics: router.topics, keyReads });
    },
    async stop(): Promise<void> {
      joined = false;
      // Finish the batch in flight, commit included, while the consumer still runs: kafkajs skips
      // commits once its disconnect has begun.
      stopping = true;
      await window.drain();
      await publications.close();
      await consumer.disconnect();
      await producer.disconnect();
      await follower.stop();
      deps.log('stopped', totals);
    },
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;
