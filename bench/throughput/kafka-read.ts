/** The ceiling: a bare kafkajs consumer that reads every event and does nothing else. */
import { createConsumer } from '../../src/kafka/kafka-client';

export async function runKafkaRead(
  brokers: string[],
  groupId: string,
  topics: string[],
  events: number,
  timeoutMs: number,
): Promise<{ seconds: number }> {
  const consumer = createConsumer({ brokers, clientId: 'csv-bench-raw', groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let seen = 0;
    let first = 0;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`bare read: ${seen}/${events} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          // From the first message delivered, so the group join is not counted.
          if (first === 0) first = Date.now();
          seen += batch.messages.length;
          if (seen >= events) resolve();
        },
      });
    }).finally(() => clearTimeout(timer));
    return { seconds: (Date.now() - first) / 1000 };
  } finally {
    await consumer.disconnect();
  }
}
