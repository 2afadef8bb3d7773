/**
 * The only module that imports kafkajs (unmaintained since 2023): everything else talks to Kafka
 * through these functions, so another client can replace it in one place.
 */
import {
  Kafka,
  KafkaJSError,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type Producer,
} from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** Connection timeout in ms. Default 3000. */
  connectionTimeout?: number;
  /** Retries of a failing request before it is reported. Default 5. */
  retries?: number;
}

function kafka(opts: KafkaOptions): Kafka {
  return new Kafka({
    brokers: opts.brokers,
    clientId: opts.clientId,
    connectionTimeout: opts.connectionTimeout ?? 3000,
    retry: { retries: opts.retries ?? 5 },
    logLevel: logLevel.NOTHING,
  });
}

export function createAdmin(opts: KafkaOptions): Admin {
  return kafka(opts).admin();
}

export function createProducer(opts: KafkaOptions): Producer {
  // The default partitioner of Java clients (murmur2), so keys land where Debezium's Java producer puts them.
  return kafka(opts).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
}

export function createConsumer(
  opts: KafkaOptions & {
    groupId: string;
    /** Bytes fetched per partition and request. Default 1 MiB (kafkajs' own). */
    maxBytesPerPartition?: number | undefined;
    /** Bytes fetched per request over all partitions. Default 10 MiB (kafkajs' own). */
    maxBytes?: number | undefined;
  },
): Consumer {
  return kafka(opts).consumer({
    groupId: opts.groupId,
    allowAutoTopicCreation: false,
    ...(opts.maxBytesPerPartition !== undefined && { maxBytesPerPartition: opts.maxBytesPerPartition }),
    ...(opts.maxBytes !== undefined && { maxBytes: opts.maxBytes }),
  });
}

/** A record as read by `readTopicToEnd`: where it is, and its bytes untouched. */
export interface StoredRecord {
  partition: number;
  offset: string;
  /** Broker or producer time, ms since the epoch, as text (kafkajs' own shape). */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

/**
 * Every record of `topic` from the start to its end as of the call, by the topic's high watermarks,
 * then stops; null if the topic does not exist. For operators' reads (the dead-letter topic): a throw-away consumer group that commits
 * nothing and is deleted afterwards. Fails with a kafkajs error (see `classify`), or `onTimeout()`.
 */
export async function readTopicToEnd(
  opts: KafkaOptions & {
    topic: string;
    timeoutMs: number;
    /** The error thrown when the end is not reached within `timeoutMs`. */
    onTimeout: () => Error;
  },
): Promise<StoredRecord[] | null> {
  const k = kafka(opts);
  const admin = k.admin();
  const groupId = `${opts.clientId}-read-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const consumer = k.consumer({ groupId, allowAutoTopicCreation: false });
  const records: StoredRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(opts.topic)) return null;
    const ends = new Map<number, bigint>();
    for (const p of await admin.fetchTopicOffsets(opts.topic)) {
      if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high));
    }
    if (ends.size === 0) return records;
    await consumer.connect();
    await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
    const left = new Set(ends.keys());
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(opts.onTimeout()), opts.timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition);
            for (const m of batch.messages) {
              if (end === undefined || BigInt(m.offset) >= end) break;
              const headers: Record<string, Buffer> = {};
              for (const [h, v] of Object.entries(m.headers ?? {})) {
                const first = Array.isArray(v) ? v[0] : v;
                if (first !== undefined) headers[h] = Buffer.from(first);
              }
              records.push({
                partition: batch.partition,
                offset: m.offset,
                timestamp: m.timestamp,
                key: m.key,
                value: m.value,
                headers,
              });
            }
            // Transaction markers and compacted gaps: the end is reached once the fetch passes it.
            if (end !== undefined && BigInt(batch.highWatermark) >= end && batch.lastOffset() !== undefined) {
              if (BigInt(batch.lastOffset()) + 1n >= end) left.delete(batch.partition);
            }
            if (left.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/** kafkajs's own verdict on an error it threw (its `retriable` flag), or null if kafkajs did not throw it. */
export function kafkaErrorRetriable(e: unknown): boolean | null {
  return e instanceof KafkaJSError ? e.retriable : null;
}

/** True when the cluster answers a metadata request with at least one broker. */
export async function probeKafka(brokers: string[]): Promise<boolean> {
  const admin = createAdmin({ brokers, clientId: 'csv-probe', retries: 0, connectionTimeout: 1000 });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export type { Admin, Consumer, Producer, EachBatchPayload, KafkaMessage } from 'kafkajs';
