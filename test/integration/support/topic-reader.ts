import {
  createAdmin,
  createConsumer,
  createProducer,
  type Consumer,
  type KafkaMessage,
} from '../../../src/kafka/kafka-client';
import { endpoints } from './endpoints';
import { uniqueName, waitFor } from './wait-for';

export interface TopicReader {
  messages: KafkaMessage[];
  /** Waits until `predicate` holds for the messages read so far. */
  until(
    what: string,
    predicate: (messages: KafkaMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<KafkaMessage[]>;
  stop(): Promise<void>;
}

/** Reads a topic from the beginning with a throw-away consumer group, collecting every message. */
export async function readTopic(topic: string): Promise<TopicReader> {
  const consumer: Consumer = createConsumer({
    brokers: endpoints.KAFKA_BROKERS,
    clientId: 'csv-test',
    groupId: uniqueName('test_reader'),
  });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  // The topic may not exist until the connector's first event; wait rather than fail the subscribe.
  await waitFor(`topic ${topic}`, async () => {
    await consumer.subscribe({ topic, fromBeginning: true });
    return true;
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
    },
  });
  return {
    messages,
    until: (what, predicate, timeoutMs = 90_000) =>
      waitFor(what, () => (predicate(messages) ? messages : undefined), { timeoutMs }),
    stop: () => consumer.disconnect(),
  };
}

/** The demo pipeline's Debezium topics, filled by the stack's connectors from the sample rows. */
export const DEMO_TOPICS = {
  crm: 'crm.crm.customers',
  billing: 'billing.public.accounts',
  oms: 'oms.public.orders',
} as const;

/**
 * Copies every event of the demo topics onto private ones (same keys, values and headers), so a test
 * feeds a pipeline real Debezium events without sharing topics or consumer groups with anyone.
 */
export async function copyDemoEvents(to: Record<keyof typeof DEMO_TOPICS, string>): Promise<void> {
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  await admin.connect();
  await producer.connect();
  try {
    for (const system of ['crm', 'billing', 'oms'] as const) {
      const [end] = await admin.fetchTopicOffsets(DEMO_TOPICS[system]);
      const reader = await readTopic(DEMO_TOPICS[system]);
      const all = await reader.until(
        `all of ${DEMO_TOPICS[system]}`,
        (m) => m.length >= Number(end?.high ?? 0),
      );
      await reader.stop();
      await producer.send({
        topic: to[system],
        messages: all.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    }
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}
