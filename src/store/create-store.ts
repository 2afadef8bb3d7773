/**
 * The MongoDB side of the view, for a whole batch at a time: guarded fact writes, the orders that
 * follow them, customer rebuilds, the status outbox and progress. Knows no consumer and no API.
 * Works on MongoDB and on FerretDB: no transactions, no pipeline updates, no $lookup.
 *
 * A batch costs a bounded number of commands, whatever the number of its events: with the `in`
 * key-read shape at most STORE_COMMANDS_PER_BATCH (docs/design.md counts them), more only when
 * another writer races on the same rows or a batch spans more than 1,000 keys per read.
 */
import type { Db } from 'mongodb';
import type { FactChange } from '../domain/fact-change';
import { DEFAULT_STATUS_HISTORY_LIMIT } from '../domain/status-history';
import { applyBatch, type BatchResult } from './batch-apply';
import { collections } from './collections';
import { rebuildCustomers, type OutboxEntry, type RecomputeResult } from './customer-rebuild';
import { ensureIndexes } from './indexes';
import { createKeyReads, type KeyReadShape } from './key-reads';
import { acknowledge, unpublished } from './outbox';
import { recordProgress, type ProgressUpdate } from './progress-docs';
import type { FactReader } from './stored-facts';
import { remapUnlinkedOrders } from './unlinked-orders';
import { createSerial } from './serial';
import { createWriteThrough } from './write-through';

export type { BatchResult } from './batch-apply';
export type { OutboxEntry, RecomputeResult } from './customer-rebuild';
export { storedFacts, type FactReader } from './stored-facts';

export interface StoreOptions {
  db: Db;
  codeMapsVersion: number;
  /** How reads by key go out (key-reads.ts). Default `in`. */
  keyReads?: KeyReadShape;
  /** Rows and customers remembered between batches (write-through.ts). Default 20,000 and 10,000. */
  remember?: { rows?: number; customers?: number };
  /** Concurrent commands a large bulk of updates is split into (parallel-updates.ts). Default 4. */
  writeParts?: number;
  /** Status changes kept per customer (domain/status-history.ts). Default 50. */
  historyLimit?: number;
  /** Revisions written start above this: the generation's floor (view-generations.ts). Default 0. */
  revFloor?: number;
  now?: () => Date;
}

export function createStore({
  db,
  codeMapsVersion,
  keyReads = 'in',
  remember,
  writeParts = 4,
  historyLimit = DEFAULT_STATUS_HISTORY_LIMIT,
  revFloor = 0,
  now = () => new Date(),
}: StoreOptions) {
  const c = collections(db);
  const reads = createKeyReads({ shape: keyReads });
  const cache = createWriteThrough(remember);

  const serial = createSerial();
  const deps = (reader: FactReader) => ({
    collections: c,
    reads,
    cache,
    reader,
    codeMapsVersion,
    now,
    serial,
    writeParts,
    historyLimit,
    revFloor,
  });

  return {
    facts: c.facts,
    customers: c.customers,
    orders: c.orders,
    keyReads: reads.shape,
    ensureIndexes: () => ensureIndexes(db),
    /** Stores a batch of changes and rebuilds the customers they affect (batch-apply.ts). */
    applyBatch: (changes: readonly FactChange[], reader: FactReader): Promise<BatchResult> =>
      applyBatch(changes, deps(reader)),
    /** Rebuilds these customers from the stored facts (the `remap` path). */
    recompute: (custIds: Iterable<string>, reader: FactReader): Promise<RecomputeResult> =>
      rebuildCustomers(custIds, deps(reader)),
    /** Marks published outbox entries as done. */
    acknowledge: (entries: readonly OutboxEntry[]) => serial(() => acknowledge(entries, c, cache)),
    ackEntry: (entry: OutboxEntry) => serial(() => acknowledge([entry], c, cache)),
    /** Forgets what this process remembered (after a rebalance: other partitions, other writers). */
    forget: () => cache.clear(),
    unpublished: () => unpublished(c),
    remapUnlinkedOrders: (reader: FactReader) => remapUnlinkedOrders(c, reads, reader),
    recordProgress: (updates: readonly ProgressUpdate[]) => recordProgress(c.progress, updates, now()),
    /** No fact stored yet: a new (or wiped) view. */
    isEmpty: async () => (await c.facts.findOne({}, { projection: { _id: 1 } })) === null,
  };
}
export type Store = ReturnType<typeof createStore>;
