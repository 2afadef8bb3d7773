/**
 * Guarded fact writes for a whole batch: the batch's changes fold to the newest per row, the rows'
 * stored documents are read in one go, and the writes go out as one unordered `insertMany` (rows seen
 * for the first time) and one unordered bulk of guarded updates (rows already stored).
 *
 * The guard is the source position: a write applies only if it is newer than what is stored, so
 * duplicates, replays and stale events are no-ops whatever their order, and any number of writers
 * may race on a row. A lost race is detected from the write's own result (a duplicate key on insert,
 * fewer matches than statements on update) and settled by reading those rows again.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { factId, newestPerRow, type FactChange } from '../domain/fact-change';
import { isDuplicateKey } from '../shared/errors';
import type { Collections } from './collections';
import { factUpdate, newFactDoc, type FactDoc } from './fact-docs';
import type { KeyReads } from './key-reads';

export interface FactWriteResult {
  /** Changes now stored (the newest of their row in the batch, and newer than what was stored). */
  applied: FactChange[];
  /** Changes already stored at the same position: a redelivery whose derived writes are redone. */
  redelivered: FactChange[];
  /** Folded away by a newer change of the batch, or older than what is stored. */
  stale: FactChange[];
  /** What was stored before, per row id, for the applied and redelivered changes (absent: new row). */
  before: Map<string, FactDoc>;
}

interface Deps {
  collections: Pick<Collections, 'facts'>;
  reads: KeyReads;
  now: Date;
}

/** Where the inserts that lost a race for a row stand once it is read again. */
function sortOut(change: FactChange, stored: FactDoc | undefined, into: Sorted): void {
  if (!stored) into.inserts.push(change);
  else if (stored.pos > change.position.key) into.stale.push(change);
  else if (stored.pos === change.position.key) into.redelivered.push(change);
  else into.updates.push(change);
}
interface Sorted {
  inserts: FactChange[];
  updates: FactChange[];
  redelivered: FactChange[];
  stale: FactChange[];
}

export async function writeFacts(batch: readonly FactChange[], deps: Deps): Promise<FactWriteResult> {
  const { facts } = deps.collections;
  const changes = newestPerRow(batch);
  const kept = new Set(changes);
  const sorted: Sorted = {
    inserts: [],
    updates: [],
    redelivered: [],
    stale: batch.filter((c) => !kept.has(c)),
  };
  const readRows = async (ids: string[]) =>
    new Map((await deps.reads.find(facts, {}, '_id', ids)).map((d) => [d._id, d] as const));
  const before = await readRows(changes.map(factId));
  for (const c of changes) sortOut(c, before.get(factId(c)), sorted);
  const applied: FactChange[] = [];

  // Rows seen for the first time. A duplicate key means another writer inserted the row meanwhile:
  // read it and treat the change like any other change to a stored row.
  if (sorted.inserts.length > 0) {
    const inserts = sorted.inserts;
    sorted.inserts = [];
    const lost = await insertMany(facts, inserts, deps.now);
    applied.push(...inserts.filter((c) => !lost.has(factId(c))));
    if (lost.size > 0) {
      const again = await readRows([...lost]);
      for (const c of inserts.filter((x) => lost.has(factId(x)))) {
        const stored = again.get(factId(c));
        if (stored) before.set(factId(c), stored);
        sortOut(c, stored, sorted);
      }
      if (sorted.inserts.length > 0) throw new Error('a row reported as existing could not be read back');
    }
  }

  // Stored rows, guarded by position. `updateMany` on a unique `_id` is an update of one document on
  // MongoDB; FerretDB releases its connection per statement for it (see docs/ferretdb.md).
  if (sorted.updates.length > 0) {
    const ops: AnyBulkWriteOperation<FactDoc>[] = sorted.updates.map((c) => ({
      updateMany: {
        filter: { _id: factId(c), pos: { $lt: c.position.key } },
        update: { $set: factUpdate(c, deps.now) as Partial<FactDoc> },
      },
    }));
    const result = await facts.bulkWrite(ops, { ordered: false });
    if (result.matchedCount === sorted.updates.length) {
      applied.push(...sorted.updates);
    } else {
      // Some guard did not match: a newer version got there first. Which ones, the rows say.
      const now = await readRows(sorted.updates.map(factId));
      for (const c of sorted.updates) {
        if (now.get(factId(c))?.pos === c.position.key) applied.push(c);
        else sorted.stale.push(c);
      }
    }
  }

  const done = new Set([...applied, ...sorted.redelivered].map(factId));
  for (const id of [...before.keys()]) if (!done.has(id)) before.delete(id);
  return { applied, redelivered: sorted.redelivered, stale: sorted.stale, before };
}

/** Inserts the rows; returns the ids another writer had inserted already. */
async function insertMany(
  facts: Collections['facts'],
  changes: FactChange[],
  now: Date,
): Promise<Set<string>> {
  try {
    await facts.insertMany(
      changes.map((c) => newFactDoc(factId(c), c, now)),
      { ordered: false },
    );
    return new Set();
  } catch (e) {
    const errors = (e as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
    if (list.length === 0 || !list.every(isDuplicateKey)) throw e;
    return new Set(list.map((w) => factId(changes[(w as { index: number }).index] as FactChange)));
  }
}
