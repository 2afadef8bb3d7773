/**
 * The store's own ceiling for these rows: the bare driver writes the same row versions as documents
 * keyed by a scalar `_id`, with `bulkWrite` of `replaceOne` upserts in the batch size the sink uses,
 * one writer per table in parallel (as the sink runs one task per topic).
 */
import type { Db } from 'mongodb';
import type { SyntheticEvent, SyntheticTopic } from './synthetic';

export async function runDbUpsert(
  db: Db,
  events: SyntheticEvent[],
  { batchSize, ordered }: { batchSize: number; ordered: boolean },
): Promise<{ seconds: number; writes: number }> {
  const byTopic: Record<SyntheticTopic, SyntheticEvent[]> = { crm: [], billing: [], oms: [] };
  for (const e of events) byTopic[e.topic].push(e);
  const start = Date.now();
  await Promise.all(
    (Object.keys(byTopic) as SyntheticTopic[]).map(async (topic) => {
      const coll = db.collection<{ _id: string | number }>(topic);
      const list = byTopic[topic];
      for (let i = 0; i < list.length; i += batchSize) {
        await coll.bulkWrite(
          list.slice(i, i + batchSize).map((e) => ({
            replaceOne: { filter: { _id: e.id }, replacement: { ...e.after }, upsert: true },
          })),
          { ordered },
        );
      }
    }),
  );
  return { seconds: (Date.now() - start) / 1000, writes: events.length };
}
