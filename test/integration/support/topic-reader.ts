import { createConsumer, type Consumer, type KafkaMessage } from '../../../src/kafka/kafka-client';
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
