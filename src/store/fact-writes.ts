/**
 * Guarded fact writes for a whole batch. The batch's changes fold to the newest per row, the rows'
 * stored documents are read in one go, and each row is classified against what is stored; the
 * writes go out as one unordered `insertMany` (rows seen for the first time) and one unordered bulk
 * of guarded updates (rows already stored), each row carrying its link to its customer.
 *
 * The guard is the source position: a write applies only if it is newer than what is stored, so
 * duplicates, replays and stale events are no-ops whatever their order, and any number of writers
 * may race on a row. A lost race shows in the write's own result (a duplicate key on insert, fewer
 * matches than statements on update) and is settled by reading those rows again.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { factId, newestPerRow, type FactChange } from '../domain/fact-change';
import type { Collections } from './collections';
import { factUpdate, storedAfter, type FactDoc } from './fact-docs';
import { insertNew } from './insert-new';
import type { KeyReads } from './key-reads';
import { updateInParts } from './parallel-updates';
import type { WriteThrough } from './write-through';

/** One row of a batch to write: its change, what was stored, and what it will store. */
export interface RowWrite {
  id: string;
  change: FactChange;
  kind: 'insert' | 'update' | 'redelivered';
  /** What was stored before (absent: a new row). */
  before: FactDoc | undefined;
  /** What the write stores; its `linkedCustId` is set by the caller before writing. */
  after: FactDoc;
}

export interface Classified {
  rows: RowWrite[];
  /** Folded away by a newer change of the batch, or not newer than what is stored. */
  stale: FactChange[];
}

interface Deps {
  collections: Pick<Collections, 'facts'>;
  reads: KeyReads;
  cache: WriteThrough;
  /** Concurrent commands a large bulk of updates is split into (parallel-updates.ts). */
  writeParts: number;
}

/**
 * Where a batch may take a row's stored version from without reading it. Every guess is checked by
 * the write (guarded by the guessed position, or a duplicate key for a row guessed new); a wrong one
 * fails the write and the batch is done again reading everything (batch-apply.ts).
 */
export interface Guesses {
  /** The version a customer document was built from (customer-inputs.ts `sources`). */
  known(id: string): FactDoc | undefined;
}

/**
 * Folds the batch and says what each row's write will be, against what is stored: remembered by this
 * process, guessed (`guesses`: a version a customer document holds, or nothing for a row the source
 * reports as new), or read. Without `guesses`, every row not remembered is read.
 */
export async function classifyRows(
  batch: readonly FactChange[],
  deps: Deps,
  now: Date,
  guesses?: Guesses,
): Promise<Classified> {
  const changes = newestPerRow(batch);
  const kept = new Set(changes);
  const stale = batch.filter((c) => !kept.has(c));
  const stored = new Map<string, FactDoc>();
  const unknown: string[] = [];
  for (const c of changes) {
    const id = factId(c);
    const known = guesses ? (deps.cache.rows.get(id) ?? guesses.known(id)) : undefined;
    if (known) stored.set(id, known);
    else if (!(guesses && c.created)) unknown.push(id);
  }
  for (const d of await deps.reads.find(deps.collections.facts, {}, '_id', unknown)) stored.set(d._id, d);
  const rows: RowWrite[] = [];
  for (const change of changes) {
    const id = factId(change);
    const before = stored.get(id);
    if (before && before.pos > change.position.key) {
      stale.push(change);
      continue;
    }
    // A redelivery of the stored change: the write is done, but a crash may have come before its
    // derived writes (orders, customers, links). They are idempotent: redo them.
    const kind = !before ? 'insert' : before.pos === change.position.key ? 'redelivered' : 'update';
    const after = kind === 'redelivered' ? (before as FactDoc) : storedAfter(id, before, change, now);
    rows.push({ id, change, kind, before, after: { ...after } });
  }
  return { rows, stale };
}

/** Writes the rows with their links; returns those that lost a race to another writer. */
export async function writeRows(rows: readonly RowWrite[], deps: Deps, now: Date): Promise<RowWrite[]> {
  const { facts } = deps.collections;
  const lost: RowWrite[] = [];
  const inserts = rows.filter((r) => r.kind === 'insert');
  // Another writer inserted the row since it was read: the batch's view of it was wrong.
  const present = await insertNew(
    facts,
    inserts.map((r) => r.after),
  );
  for (const i of present) lost.push(inserts[i] as RowWrite);
  // `updateMany` on a unique `_id` is an update of one document on MongoDB; FerretDB releases its
  // connection per statement for it (docs/ferretdb.md).
  const ops: AnyBulkWriteOperation<FactDoc>[] = [];
  const guarded: RowWrite[] = [];
  for (const r of rows) {
    if (r.kind === 'update') {
      guarded.push(r);
      ops.push({
        updateMany: {
          // Only over the version the batch planned with: a row another writer moved on since (newer
          // or not) is a lost race, and the batch falls back to what is stored.
          filter: { _id: r.id, pos: (r.before as FactDoc).pos },
          update: { $set: { ...factUpdate(r.change, now), linkedCustId: r.after.linkedCustId } },
        },
      });
    } else if (r.kind === 'redelivered' && r.before?.linkedCustId !== r.after.linkedCustId) {
      guarded.push(r);
      ops.push({
        updateMany: {
          filter: { _id: r.id, pos: r.change.position.key },
          update: { $set: { linkedCustId: r.after.linkedCustId } },
        },
      });
    }
  }
  if (ops.length > 0) {
    const result = await updateInParts(facts, ops, deps.writeParts);
    if (result.matchedCount < ops.length) {
      // Some guard did not match: a newer version got there first. Which ones, the rows say.
      const now = await deps.reads.find(
        facts,
        {},
        '_id',
        guarded.map((r) => r.id),
        {
          projection: { pos: 1 },
        },
      );
      const pos = new Map(now.map((d) => [d._id, d.pos] as const));
      for (const r of guarded) if (pos.get(r.id) !== r.change.position.key) lost.push(r);
    }
  }
  const lostIds = new Set(lost.map((r) => r.id));
  for (const r of rows) {
    if (lostIds.has(r.id)) deps.cache.rows.delete(r.id);
    else deps.cache.rows.set(r.id, r.after);
  }
  return lost;
}
