/**
 * The MongoDB Kafka sink connector on the same topics, into its own database of the same store:
 * one connector per topic (one collection per table, one document per row), timed from its first
 * write until its consumer groups committed every offset, then checked: one document per row,
 * each with the row's final version.
 */
import type { Db } from 'mongodb';
import type { Admin } from '../../src/kafka/kafka-client';
import { waitFor } from '../../harness/wait-for';
import { consumedAll } from '../e2e/catch-up';
import { firstWrite } from '../throughput/ours';
import { KEY_FIELDS, type SyntheticEvent, type SyntheticTopic } from '../throughput/synthetic';
import { sinkConnectorConfig, type SinkTuning } from './config';
import type { SinkWorker } from './worker';

const COLLECTIONS: Record<SyntheticTopic, string> = { crm: 'customers', billing: 'accounts', oms: 'orders' };

export interface SinkResult {
  seconds: number;
  /** From connector creation to done. */
  secondsFromStart: number;
  documents: number;
  /** Documents missing, extra or not at their row's final version. */
  wrong: number;
}

/** Rows whose document is missing or differs from the final row image (compared as text, field by field). */
export function checkRows(
  docs: Record<string, unknown>[],
  finals: Map<string, SyntheticEvent>,
): { documents: number; wrong: number } {
  // A subdocument \`_id\` (RdbmsHandler, PartialKeyStrategy) holds the key column alone.
  const idOf = (id: unknown) => String(id !== null && typeof id === 'object' ? Object.values(id)[0] : id);
  const byId = new Map(docs.map((d) => [idOf(d._id), d]));
  let wrong = docs.filter((d) => !finals.has(idOf(d._id))).length;
  for (const [id, e] of finals) {
    const d = byId.get(id);
    // The RdbmsHandler moves the key column into the \`_id\` subdocument.
    const field = (k: string) =>
      d && k in d ? d[k] : d && typeof d._id === 'object' ? (d._id as Record<string, unknown>)[k] : undefined;
    if (!d || Object.entries(e.after).some(([k, v]) => String(field(k) ?? null) !== String(v ?? null)))
      wrong += 1;
  }
  return { documents: docs.length, wrong };
}

export async function runSink(o: {
  worker: SinkWorker;
  admin: Admin;
  db: Db;
  mongoUrl: string;
  run: string;
  topics: Record<SyntheticTopic, string>;
  counts: Record<SyntheticTopic, number>;
  finals: Record<SyntheticTopic, Map<string, SyntheticEvent>>;
  tuning: SinkTuning;
  timeoutMs: number;
  /** Prefix of the connector names, to run one configuration twice. */
  tag?: string;
}): Promise<SinkResult> {
  const systems = Object.keys(o.topics) as SyntheticTopic[];
  // Every configuration gets its own connectors, hence its own consumer groups reading from the start.
  const t = o.tuning;
  const label = `${t.variant ?? 'scalar-id'}-b${t.batchSize}-${t.ordered ? 'o' : 'u'}-t${t.tasks}`;
  const name = (s: SyntheticTopic) => `${o.run}-sink-${o.tag ?? ''}${label}-${s}`;
  const started = Date.now();
  for (const s of systems) {
    await o.worker.client.putConfig(
      name(s),
      sinkConnectorConfig({
        name: name(s),
        topic: o.topics[s],
        keyField: KEY_FIELDS[s],
        mongoUrl: o.mongoUrl,
        database: o.db.databaseName,
        collection: COLLECTIONS[s],
        tuning: o.tuning,
      }),
    );
  }
  const failed = async () => {
    for (const s of systems) {
      const st = await o.worker.client.status(name(s));
      const bad = [st?.connector, ...(st?.tasks ?? [])].find((t) => t?.state === 'FAILED');
      if (bad)
        throw new Error(`sink connector ${name(s)} FAILED: ${bad.trace?.split('\n').slice(0, 8).join('\n')}`);
    }
  };
  try {
    const first = firstWrite(o.db, Object.values(COLLECTIONS), o.timeoutMs);
    let polls = 0;
    await waitFor(
      'the sink connectors to commit every offset',
      async () => {
        if (polls++ % 10 === 0) await failed();
        for (const s of systems)
          if (!(await consumedAll(o.admin, `connect-${name(s)}`, { [o.topics[s]]: o.counts[s] })))
            return false;
        return true;
      },
      { timeoutMs: o.timeoutMs, intervalMs: 100 },
    ).catch(async (e: unknown) => {
      await failed();
      throw e;
    });
    const done = Date.now();
    const firstAt = await first;
    let documents = 0;
    let wrong = 0;
    for (const s of systems) {
      const docs = await o.db.collection(COLLECTIONS[s]).find({}).toArray();
      const c = checkRows(docs as Record<string, unknown>[], o.finals[s]);
      documents += c.documents;
      wrong += c.wrong;
    }
    return { seconds: (done - firstAt) / 1000, secondsFromStart: (done - started) / 1000, documents, wrong };
  } finally {
    for (const s of systems) await o.worker.client.remove(name(s)).catch(() => undefined);
  }
}
