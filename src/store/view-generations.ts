/**
 * Generations of the view: the whole view can be rebuilt into a fresh database beside the live one
 * (`customer-view backfill rebuild`) and then switched to, or back (`rollback`), without the API
 * going down. Which database is live is one pointer document in the configured MONGO_DB (the base
 * database, which is also generation 0's): readers and writers follow it, like an alias.
 *
 * Versions stay monotonic across switches: every switch raises the pointer's `seq`, and a customer
 * written under seq s gets a revision above s·2³² (`revFloor`), so the status events of a new
 * generation always outrank those of the one before, for consumers that keep the highest version.
 */
import type { Db } from 'mongodb';

export const GENERATIONS = 'view_generations';
const ACTIVE = 'active';

/** Above every revision written under an earlier switch (2³² rewrites of one customer per switch). */
export const REV_STEP = 2 ** 32;

export function revFloor(seq: number): number {
  return seq * REV_STEP;
}

/** Committed offsets of a consumer group, as Kafka's admin API spells them. */
export interface TopicOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

export interface Generation {
  /** The database holding the live view. */
  db: string;
  /** Raised by every switch; 0 before the first. */
  seq: number;
  /** The database live before the last switch, kept for rollback; null when none. */
  previous: string | null;
  switchedAt: Date | null;
  /** The processors' committed offsets at the last switch: where a rollback catches the previous one up from. */
  switchOffsets: TopicOffsets[];
}

interface GenerationDoc extends Generation {
  _id: typeof ACTIVE;
}

/** Name of the database a rebuild writes generation `n` into. */
export function generationDbName(base: string, n: number): string {
  return `${base}_g${n}`;
}

export function initialGeneration(base: string): Generation {
  return { db: base, seq: 0, previous: null, switchedAt: null, switchOffsets: [] };
}

export async function readGeneration(base: Db): Promise<Generation> {
  const doc = await base.collection<GenerationDoc>(GENERATIONS).findOne({ _id: ACTIVE });
  if (!doc) return initialGeneration(base.databaseName);
  const { _id, ...generation } = doc;
  void _id;
  return generation;
}

/**
 * Points the view at another database, if nobody switched since `expectedSeq` was read. Returns
 * false when someone did: the caller re-reads and decides again.
 */
export async function switchGeneration(base: Db, next: Generation, expectedSeq: number): Promise<boolean> {
  const coll = base.collection<GenerationDoc>(GENERATIONS);
  if (expectedSeq === 0) {
    // No pointer yet: the first switch creates it; a duplicate key means another one won.
    const exists = await coll.findOne({ _id: ACTIVE }, { projection: { _id: 1 } });
    if (!exists) {
      try {
        await coll.insertOne({ _id: ACTIVE, ...next });
        return true;
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return false;
        throw e;
      }
    }
  }
  const r = await coll.updateOne({ _id: ACTIVE, seq: expectedSeq }, { $set: next });
  return r.modifiedCount === 1;
}

/** The live view's database as one-off commands (remap, reconcile) find it. */
export async function liveViewDb(base: Db): Promise<{ db: Db; generation: Generation }> {
  const generation = await readGeneration(base);
  return { db: base.client.db(generation.db), generation };
}

/**
 * A rebuild or rollback under way, so running the command again resumes it (same database, same
 * consumer group, hence from its committed offsets) instead of starting over.
 */
export interface GenerationJob {
  kind: 'rebuild' | 'rollback';
  /** The database being filled. */
  db: string;
  /** The pointer's seq once switched. */
  seq: number;
  /** The pointer's seq it was started from: another switch since makes it stale. */
  fromSeq: number;
  /** Its own consumer group and status topic (its status events are history, not news). */
  group: string;
  stateTopic: string;
  startedAt: Date;
}

interface JobDoc extends GenerationJob {
  _id: 'job';
}

export async function readJob(base: Db): Promise<GenerationJob | null> {
  const doc = await base.collection<JobDoc>(GENERATIONS).findOne({ _id: 'job' });
  if (!doc) return null;
  const { _id, ...job } = doc;
  void _id;
  return job;
}

export async function recordJob(base: Db, job: GenerationJob): Promise<void> {
  await base.collection<JobDoc>(GENERATIONS).replaceOne({ _id: 'job' }, job, { upsert: true });
}

export async function clearJob(base: Db): Promise<void> {
  await base.collection<JobDoc>(GENERATIONS).deleteOne({ _id: 'job' });
}
