/** A consumer group's committed offsets and the topics' ends, read through Kafka's admin API. */
import type { Admin } from '../kafka/kafka-client';
import type { TopicOffsets } from '../store/view-generations';

export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<TopicOffsets[]> {
  const got = await admin.fetchOffsets({ groupId, topics });
  return got.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p) => ({ partition: p.partition, offset: p.offset })),
  }));
}

export async function endOffsets(admin: Admin, topics: string[]): Promise<TopicOffsets[]> {
  return Promise.all(
    topics.map(async (topic) => ({
      topic,
      partitions: (await admin.fetchTopicOffsets(topic)).map((p) => ({
        partition: p.partition,
        offset: p.high,
      })),
    })),
  );
}

/** Starts a group that never ran at these offsets (Kafka refuses while the group has members). */
export async function seedOffsets(
  admin: Admin,
  groupId: string,
  offsets: readonly TopicOffsets[],
): Promise<void> {
  for (const t of offsets) {
    const partitions = t.partitions.filter((p) => BigInt(p.offset) >= 0n);
    if (partitions.length > 0) await admin.setOffsets({ groupId, topic: t.topic, partitions });
  }
}
