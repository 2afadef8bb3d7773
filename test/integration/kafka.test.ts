/** kafkajs (behind src/kafka/kafka-client) against the pinned Kafka 4 broker: admin, produce, consume, commit. */
import { createAdmin, createProducer, type Admin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { readTopic } from './support/topic-reader';
import { uniqueName } from './support/wait-for';

describe('Kafka broker', () => {
  const topic = uniqueName('smoke');
  let admin: Admin;

  beforeAll(async () => {
    admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('round-trips keyed messages and keeps per-key order across partitions', async () => {
    const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
    await producer.connect();
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 5}`, value: String(i) }));
    await producer.send({ topic, messages });
    await producer.disconnect();

    const reader = await readTopic(topic);
    try {
      await reader.until('all 30 messages', (m) => m.length >= 30);
      const byKey = new Map<string, number[]>();
      for (const m of reader.messages) {
        const k = m.key?.toString() ?? '';
        byKey.set(k, [...(byKey.get(k) ?? []), Number(m.value?.toString())]);
      }
      expect(byKey.size).toBe(5);
      for (const values of byKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));
    } finally {
      await reader.stop();
    }
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('stores and reads back committed consumer-group offsets', async () => {
    const groupId = uniqueName('smoke_group');
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0]?.partitions.find((p) => p.partition === 0)?.offset).toBe('1');
    await admin.deleteGroups([groupId]);
  });
});
