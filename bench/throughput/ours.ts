/**
 * Our processors on the same topics: the real pipeline, wired as `customer-view processors` wires it
 * (`createConfiguredPipeline`), into a private database: decoding, mapping, merging the three
 * systems into one document per customer, publishing status events and committing offsets. Timed from its first write to the
 * view until every event is accounted for (applied, folded or stale, or dead-lettered).
 */
import type { Db, MongoClient } from 'mongodb';
import codeMapsJson from '../../mappings/code-maps.json';
import { createCodeMaps } from '../../src/domain/code-maps';
import { parseProcessorConfig } from '../../src/config/processor-config';
import { createConfiguredPipeline } from '../../src/processors/configured-pipeline';
import { waitFor } from '../../harness/wait-for';
import type { SyntheticTopic } from './synthetic';

export interface OursResult {
  seconds: number;
  /** From start (group join included) to done. */
  secondsFromStart: number;
  applied: number;
  stale: number;
  deadLetters: number;
  published: number;
  customers: number;
  roundTrips: number;
}

/** Polls until the first document of any of `collections` exists; returns that time. */
export function firstWrite(db: Db, collections: string[], timeoutMs: number): Promise<number> {
  return waitFor(
    `a first write to ${db.databaseName}`,
    async () => {
      for (const c of collections) if (await db.collection(c).findOne({})) return Date.now();
      return undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export async function runOurs(o: {
  brokers: string[];
  registryUrl: string;
  mongo: MongoClient;
  commandCount: () => number;
  db: Db;
  run: string;
  topics: Record<SyntheticTopic, string>;
  events: number;
  timeoutMs: number;
}): Promise<OursResult> {
  const { pipeline } = createConfiguredPipeline({
    config: parseProcessorConfig({
      PROCESSOR_GROUP_ID: `${o.run}_ours`,
      DLQ_TOPIC: `${o.run}.dlq`,
      STATE_TOPIC: `${o.run}.state`,
      CRM_TOPIC: o.topics.crm,
      BILLING_TOPIC: o.topics.billing,
      OMS_TOPIC: o.topics.oms,
    }),
    endpoints: { KAFKA_BROKERS: o.brokers, SCHEMA_REGISTRY_URL: o.registryUrl },
    db: o.db,
    codeMaps: createCodeMaps(codeMapsJson),
    log: () => undefined,
  });
  const started = Date.now();
  const commandsBefore = o.commandCount();
  await pipeline.start();
  try {
    const first = firstWrite(o.db, ['facts', 'customers'], o.timeoutMs);
    await waitFor(
      'the processors to account for every event',
      () => {
        const t = pipeline.totals;
        return t.applied + t.stale + t.deadLetters >= o.events;
      },
      { timeoutMs: o.timeoutMs, intervalMs: 50 },
    );
    const done = Date.now();
    const firstAt = await first;
    const t = pipeline.totals;
    return {
      seconds: (done - firstAt) / 1000,
      secondsFromStart: (done - started) / 1000,
      applied: t.applied,
      stale: t.stale,
      deadLetters: t.deadLetters,
      published: t.published,
      customers: await o.db.collection('customers').countDocuments(),
      roundTrips: o.commandCount() - commandsBefore,
    };
  } finally {
    await pipeline.stop();
  }
}
