/**
 * The status outbox: events wait in their customer document (`pendingEvents`) or, for customers that
 * left the view, in the `outbox` collection, until `customer-state.v1` acknowledged them.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Collections } from './collections';
import type { CustomerDoc } from './customer-doc';
import type { OutboxEntry } from './customer-rebuild';
import type { WriteThrough } from './write-through';

/**
 * Clears published entries. An entry from a document holds every event pending at its revision, so
 * the document's list empties only if it is still at that revision; if it moved on, the events stay
 * and go out again with the newer revision's (consumers keep the highest version).
 */
export async function acknowledge(
  entries: readonly OutboxEntry[],
  c: Pick<Collections, 'customers' | 'outbox'>,
  cache?: WriteThrough,
): Promise<void> {
  const docOps: AnyBulkWriteOperation<CustomerDoc>[] = [];
  const outboxIds: string[] = [];
  for (const e of entries) {
    if (e.outboxId) outboxIds.push(e.outboxId);
    else if (e.rev !== null)
      docOps.push({
        updateMany: { filter: { _id: e.custId, rev: e.rev }, update: { $set: { pendingEvents: [] } } },
      });
  }
  if (docOps.length > 0) await c.customers.bulkWrite(docOps, { ordered: false });
  for (const e of entries) {
    const known = e.rev === null ? undefined : cache?.customers.get(e.custId);
    if (known && known.rev === e.rev) cache?.customers.set(e.custId, { ...known, pendingEvents: [] });
  }
  if (outboxIds.length > 0)
    await c.outbox.bulkWrite(
      outboxIds.map((_id) => ({ deleteOne: { filter: { _id } } })),
      { ordered: false },
    );
}

/** Entries a crash left between a view write and its publication (read once, at start). */
export async function unpublished(c: Pick<Collections, 'customers' | 'outbox'>): Promise<OutboxEntry[]> {
  const docs = await c.customers
    .find({ 'pendingEvents.0': { $exists: true } }, { projection: { rev: 1, pendingEvents: 1 } })
    .toArray();
  const removals = await c.outbox.find().toArray();
  return [
    ...docs.map((d) => ({ custId: d._id, rev: d.rev, events: d.pendingEvents })),
    ...removals.map((d) => ({ custId: d.custId, rev: null, outboxId: d._id, events: d.events })),
  ];
}
