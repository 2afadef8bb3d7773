/**
 * The processors: consume the Debezium topics in batches, process each partition's batch, publish
 * dead letters and status changes, and commit offsets only after the view write and those
 * publications were acknowledged.
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
import { createStore, storedFacts } from '../store/create-store';
import type { Decoder } from './decode/decode-message';
import { deadLetterRecord } from './dead-letters';
import { processBatch, type BatchOutcome } from './process-batch';
import { createMetrics } from './metrics';
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
  db: Db;
  log: (event: string, fields?: Record<string, unknown>) => void;
}

export function createPipeline(deps: PipelineDeps) {
  const router = createRouter(deps.routes, deps.codeMaps);
  const store = createStore({ db: deps.db, codeMapsVersion: deps.codeMaps.version });
  const reader = storedFacts(deps.codeMaps);
  const consumer = createConsumer({
    brokers: deps.brokers,
    clientId: 'csv-processor',
    groupId: deps.groupId,
  });
  const producer = createProducer({ brokers: deps.brokers, clientId: 'csv-processor-dlq' });
  const publisher = createStatePublisher({
    producer,
    registry: deps.schemaRegistry,
    topic: deps.stateTopic,
    ack: (entry) => store.ackEntry(entry),
  });
  const totals = { batches: 0, applied: 0, stale: 0, deadLetters: 0, published: 0 };
  const metrics = createMetrics();
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  consumer.on(consumer.events.CRASH, (e) => {
    joined = false;
    // kafkajs restarts the consumer after a retriable failure; the batch is re-read from the last commit.
    deps.log('consumer-error', { error: e.payload.error.message, restart: e.payload.restart });
  });

  async function eachBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const started = Date.now();
    const messages = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key ?? null,
      value: m.value ?? null,
    }));
    const outcome: BatchOutcome = await processBatch(messages, {
      decoder: deps.decoder,
      router,
      store,
      reader,
    });
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
    const published = await publisher.publish(outcome.events);
    metrics.recordPublished(published);
    totals.published += published;
    const system = router.systemOf(batch.topic);
    if (system && outcome.newestSourceTsMs !== null)
      await store.recordProgress(system, batch.topic, outcome.newestSourceTsMs);
    // Only now is the batch durable in the view (and its poison in the DLQ): commit past it.
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    await heartbeat();
    metrics.recordBatch(
      system ?? 'unknown',
      batch.topic,
      batch.partition,
      outcome,
      (Date.now() - started) / 1000,
      batch.offsetLag(),
    );
    totals.batches += 1;
    totals.applied += outcome.applied;
    totals.stale += outcome.stale;
    totals.deadLetters += outcome.deadLetters.length;
    deps.log('batch', {
      topic: batch.topic,
      partition: batch.partition,
      messages: messages.length,
      applied: outcome.applied,
      stale: outcome.stale,
      deadLetters: outcome.deadLetters.length,
      customers: outcome.customers,
      statusEvents: published,
      ms: Date.now() - started,
    });
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
    store,
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
      await store.ensureIndexes();
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
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch });
      deps.log('started', { group: deps.groupId, topics: router.topics });
    },
    async stop(): Promise<void> {
      joined = false;
      // kafkajs finishes the batch in flight before disconnect resolves; its offsets are committed inside.
      await consumer.disconnect();
      await producer.disconnect();
      deps.log('stopped', totals);
    },
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;
