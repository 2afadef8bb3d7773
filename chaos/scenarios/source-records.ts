/** Records of a source topic and producing onto it, for the scenarios that inject messages. */
import { createProducer, readTopicToEnd, type StoredRecord } from '../../src/kafka/kafka-client';
import type { World } from '../world';

export async function readSource(world: World, topic: string): Promise<StoredRecord[]> {
  return (
    (await readTopicToEnd({
      brokers: world.endpoints.KAFKA_BROKERS,
      clientId: 'csv-chaos-read',
      topic,
      timeoutMs: 120_000,
      onTimeout: () => new Error(`could not read ${topic} to its end within 120s`),
    })) ?? []
  );
}

export interface Injected {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer>;
  /** Without it the key decides, as for Debezium's own records (murmur2). */
  partition?: number;
}

/** Produces `messages` onto `topic` in order and counts them as expected source messages. */
export async function produceOnto(world: World, topic: string, messages: Injected[]): Promise<void> {
  const producer = createProducer({ brokers: world.endpoints.KAFKA_BROKERS, clientId: 'csv-chaos-inject' });
  await producer.connect();
  try {
    for (const m of messages) await producer.send({ topic, messages: [m], timeout: 30_000 });
    world.inject(topic, messages.length);
  } finally {
    await producer.disconnect();
  }
}
