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
