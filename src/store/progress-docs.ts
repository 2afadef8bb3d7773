/**
 * The `progress` collection: per source system, how far the view has got. The API's freshness
 * report reads it; the processors write it after each batch.
 */
import type { Collection } from 'mongodb';

export const PROGRESS = 'progress';

export interface ProgressDoc {
  /** CRM, BILLING or OMS. */
  _id: 'CRM' | 'BILLING' | 'OMS';
  topic: string;
  /** Source commit time of the newest change applied (UTC). */
  lastEventAt: Date;
  /** When the view applied it. */
  lastAppliedAt: Date;
}

export interface ProgressUpdate {
  system: ProgressDoc['_id'];
  topic: string;
  /** Newest source commit time applied, epoch ms. */
  lastEventMs: number;
}

/** Per system, the newest source commit time applied: one command for a whole batch. */
export async function recordProgress(
  progress: Collection<ProgressDoc>,
  updates: readonly ProgressUpdate[],
  now: Date,
): Promise<void> {
  if (updates.length === 0) return;
  await progress.bulkWrite(
    updates.map((u) => ({
      updateOne: {
        filter: { _id: u.system },
        update: {
          $max: { lastEventAt: new Date(u.lastEventMs) },
          $set: { topic: u.topic, lastAppliedAt: now },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}
