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
import { affectedBy } from './affected';
import { collections } from './collections';
import { rebuildCustomers, type OutboxEntry, type RecomputeResult } from './customer-rebuild';
import { isLive } from './fact-docs';
import { writeFacts } from './fact-writes';
import { ensureIndexes } from './indexes';
import { createKeyReads, type KeyReadShape } from './key-reads';
import { writeOrders } from './order-writes';
import { acknowledge, unpublished } from './outbox';
import { recordProgress, type ProgressUpdate } from './progress-docs';
import type { FactReader } from './stored-facts';
import { remapUnlinkedOrders } from './unlinked-orders';

export type { OutboxEntry, RecomputeResult } from './customer-rebuild';
export { storedFacts, type FactReader } from './stored-facts';

export interface ApplyResult {
  applied: FactChange[];
  /** Not newer than what is stored: folded away, duplicates, redeliveries, late older events. */
  stale: FactChange[];
  /** Customers whose document may have changed. */
  affected: Set<string>;
}

export interface StoreOptions {
  db: Db;
  codeMapsVersion: number;
  /** How reads by key go out (key-reads.ts). Default `in`. */
  keyReads?: KeyReadShape;
  now?: () => Date;
}

export function createStore({ db, codeMapsVersion, keyReads = 'in', now = () => new Date() }: StoreOptions) {
  const c = collections(db);
  const reads = createKeyReads({ shape: keyReads });

  /** Stores a batch of changes (facts, then orders) and says which customers to rebuild. */
  async function applyFacts(changes: readonly FactChange[]): Promise<ApplyResult> {
    const written = await writeFacts(changes, { collections: c, reads, now: now() });
    // A redelivery is stored already, but a crash may have come before its derived writes: redo them.
    const touched = [...written.applied, ...written.redelivered];
    await writeOrders(touched, written.before, { collections: c, reads });
    const { custIds, emails } = affectedBy(touched, written.before);
    const holders = await reads.find(c.facts, { system: 'crm' }, 'emailNorm', [...emails], {
      projection: { rowKey: 1, fact: 1 },
    });
    for (const d of holders) if (isLive(d)) custIds.add(d.rowKey);
    return { applied: written.applied, stale: [...written.stale, ...written.redelivered], affected: custIds };
  }

  return {
    facts: c.facts,
    customers: c.customers,
    orders: c.orders,
    keyReads: reads.shape,
    ensureIndexes: () => ensureIndexes(db),
    applyFacts,
    /** Rebuilds these customers from the stored facts (the `remap` path too). */
    recompute: (custIds: Iterable<string>, reader: FactReader): Promise<RecomputeResult> =>
      rebuildCustomers(custIds, { collections: c, reads, reader, codeMapsVersion, now }),
    /** Marks published outbox entries as done. */
    acknowledge: (entries: readonly OutboxEntry[]) => acknowledge(entries, c),
    ackEntry: (entry: OutboxEntry) => acknowledge([entry], c),
    unpublished: () => unpublished(c),
    remapUnlinkedOrders: (reader: FactReader) => remapUnlinkedOrders(c, reads, reader),
    recordProgress: (updates: readonly ProgressUpdate[]) => recordProgress(c.progress, updates, now()),
    /** No fact stored yet: a new (or wiped) view. */
    isEmpty: async () => (await c.facts.findOne({}, { projection: { _id: 1 } })) === null,
  };
}
export type Store = ReturnType<typeof createStore>;
