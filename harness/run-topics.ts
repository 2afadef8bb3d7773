/** Kafka topics of a dev run (bench, chaos), found by its unique run id. */
import { createAdmin } from '../src/kafka/kafka-client';

/** Deletes every topic whose name carries the run id (the run id is unique, so nothing else matches). */
export async function deleteRunTopics(brokers: string[], run: string): Promise<void> {
  const admin = createAdmin({ brokers, clientId: 'csv-run-cleanup' });
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.includes(run));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 20_000 });
  } finally {
    await admin.disconnect();
  }
}
