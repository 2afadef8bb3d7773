/**
 * Rebuilds a batch of customer documents from the stored facts (also the `remap` path), with a
 * bounded number of commands per batch: the reads of customer-inputs.ts, then bulk writes.
 *
 * Any number of writers may rebuild one customer at once: each document carries a revision, read
 * before the facts, and is replaced only if the revision is unchanged. A writer that loses the race
 * reads the facts again, so the last successful write always saw every fact written before it began.
 * Each rebuild's writes carry a token (`writer`) so a bulk write's overall count can be resolved to
 * the documents that won.
 */
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation } from 'mongodb';
import { AppError, isDuplicateKey } from '../shared/errors';
import type { Collections, OutboxDoc } from './collections';
import { buildCustomerDoc, type CustomerDoc, type StatusEvent } from './customer-doc';
import { readCustomerInputs, type OwnedRow, type PreviousDoc } from './customer-inputs';
import type { FactDoc, LiveFactDoc, OrderFactDoc } from './fact-docs';
import type { KeyReads } from './key-reads';
import type { OrderDoc } from './order-docs';
import type { FactReader } from './stored-facts';

/** Rebuilds of one customer that lost the revision race, before the batch fails (retriable). */
const MAX_ATTEMPTS = 8;

/**
 * Status events waiting for publication: in the customer document (`rev`), or, for a customer that
 * left the view, in the `outbox` collection (`outboxId`), since its document is gone.
 */
export interface OutboxEntry {
  custId: string;
  rev: number | null;
  outboxId?: string;
  events: StatusEvent[];
}

export interface RecomputeResult {
  written: number;
  removed: number;
  /** Rebuilds redone because another writer changed the customer in between. */
  conflicts: number;
  /** Outbox entries to publish. */
  events: OutboxEntry[];
}

export interface RebuildDeps {
  collections: Collections;
  reads: KeyReads;
  reader: FactReader;
  codeMapsVersion: number;
  now: () => Date;
}

export async function rebuildCustomers(
  custIds: Iterable<string>,
  deps: RebuildDeps,
): Promise<RecomputeResult> {
  let ids = [...new Set(custIds)];
  const result: RecomputeResult = { written: 0, removed: 0, conflicts: 0, events: [] };
  for (let attempt = 1; ids.length > 0; attempt += 1) {
    const conflicted = await rebuildOnce(ids, deps, result);
    result.conflicts += conflicted.length;
    if (conflicted.length > 0 && attempt >= MAX_ATTEMPTS)
      throw new AppError(
        'store-conflict',
        `customers ${conflicted.join(', ')} kept changing under ${MAX_ATTEMPTS} rebuilds`,
        { retriable: true },
      );
    ids = conflicted;
  }
  return result;
}

interface Built {
  doc: CustomerDoc;
  prev: PreviousDoc | null;
  mine: OwnedRow[];
  /** Canonical status of each of its orders, mapped with the current code maps. */
  orderStatus: Map<string, string>;
}

async function rebuildOnce(ids: string[], deps: RebuildDeps, result: RecomputeResult): Promise<string[]> {
  const { collections: c, reader, codeMapsVersion } = deps;
  const inputs = await readCustomerInputs(ids, deps);
  const at = deps.now();
  const writer = randomUUID();
  const built: Built[] = inputs.live.map((crmDoc) => {
    const custId = crmDoc.rowKey;
    const mine = inputs.owned.get(custId) ?? [];
    const accounts = mine.flatMap((d) => (d.system === 'billing' ? [reader.account(d)] : []));
    const orders = mine.flatMap((d) => (d.system === 'oms' ? [reader.order(d)] : []));
    const asOfMs = Math.max(crmDoc.sourceTsMs, ...mine.map((d) => d.sourceTsMs));
    const prev = inputs.previous.get(custId) ?? null;
    const doc = buildCustomerDoc(
      { crm: reader.crm(crmDoc), accounts, orders, asOfMs },
      prev,
      codeMapsVersion,
      at,
    );
    return {
      doc: { ...doc, writer },
      prev,
      mine,
      orderStatus: new Map(orders.map((o) => [o.orderNo, o.status])),
    };
  });

  await unlinkLost(built, c);
  const { won, conflicted } = await writeDocs(built, writer, deps);
  await linkGained(won, codeMapsVersion, c);
  for (const b of won) {
    result.written += 1;
    if (b.doc.pendingEvents.length > 0)
      result.events.push({ custId: b.doc._id, rev: b.doc.rev, events: b.doc.pendingEvents });
  }
  const removed = inputs.gone.flatMap((id) => {
    const prev = inputs.previous.get(id);
    return prev ? [prev] : [];
  });
  conflicted.push(...(await removeCustomers(removed, at, deps, result)));
  return conflicted;
}

/**
 * Before the new document goes in, rows the customer lost stop pointing at it. In this order a crash
 * in between leaves the old document listing them, so the redelivered batch unlinks them again.
 */
async function unlinkLost(built: Built[], c: Collections): Promise<void> {
  const factOps: AnyBulkWriteOperation<FactDoc>[] = [];
  const orderOps: AnyBulkWriteOperation<OrderDoc>[] = [];
  for (const { doc, prev, mine } of built) {
    if (!prev) continue;
    const keep = new Set([...doc.accountNos, ...doc.orderNos]);
    if (![...prev.accountNos, ...prev.orderNos].some((k) => !keep.has(k))) continue;
    factOps.push({
      updateMany: {
        filter: { linkedCustId: doc._id, _id: { $nin: mine.map((d) => d._id) } },
        update: { $set: { linkedCustId: null } },
      },
    });
    if (prev.orderNos.some((n) => !keep.has(n)))
      orderOps.push({
        updateMany: {
          filter: { custId: doc._id, _id: { $nin: doc.orderNos } },
          update: { $set: { custId: null } },
        },
      });
  }
  if (orderOps.length > 0) await c.orders.bulkWrite(orderOps, { ordered: false });
  if (factOps.length > 0) await c.facts.bulkWrite(factOps, { ordered: false });
}

/** Inserts new documents and replaces existing ones where the revision is unchanged. */
async function writeDocs(built: Built[], writer: string, deps: RebuildDeps) {
  const { customers } = deps.collections;
  const conflicted: string[] = [];
  const fresh = built.filter((b) => b.prev === null);
  const known = built.filter((b) => b.prev !== null);
  const lost = new Set<string>();
  if (fresh.length > 0) {
    try {
      await customers.insertMany(
        fresh.map((b) => b.doc),
        { ordered: false },
      );
    } catch (e) {
      const errors = (e as { writeErrors?: unknown }).writeErrors;
      const failed = Array.isArray(errors) ? errors : errors ? [errors] : [];
      if (failed.length === 0 || !failed.every(isDuplicateKey)) throw e;
      // Another writer created the customer first: rebuild it again on top of that document.
      for (const w of failed) lost.add((fresh[(w as { index: number }).index] as Built).doc._id);
    }
  }
  if (known.length > 0) {
    const r = await customers.bulkWrite(
      known.map(({ doc, prev }) => {
        const { _id, ...fields } = doc;
        return {
          // Not replaceOne: an `$set` of every field is the same document, and FerretDB releases its
          // connection per statement for multi updates (docs/ferretdb.md).
          updateMany: { filter: { _id, rev: (prev as PreviousDoc).rev }, update: { $set: fields } },
        };
      }),
      { ordered: false },
    );
    if (r.matchedCount < known.length) {
      const ours = new Set(
        (
          await deps.reads.find(
            customers,
            { writer },
            '_id',
            known.map((b) => b.doc._id),
            { projection: { _id: 1 } },
          )
        ).map((d) => d._id),
      );
      for (const b of known) if (!ours.has(b.doc._id)) lost.add(b.doc._id);
    }
  }
  conflicted.push(...lost);
  return { won: built.filter((b) => !lost.has(b.doc._id)), conflicted };
}

/**
 * Points the customer's rows at it. Orders first, then the facts' links: a crash in between leaves
 * the fact unlinked, so the next rebuild writes the order again. An order needs a write when it is
 * new to the customer, not yet marked linked, or its status was mapped by older code maps.
 */
async function linkGained(won: Built[], codeMapsVersion: number, c: Collections): Promise<void> {
  const orderOps: AnyBulkWriteOperation<OrderDoc>[] = [];
  const factOps: AnyBulkWriteOperation<FactDoc>[] = [];
  for (const { doc, prev, mine, orderStatus } of won) {
    const custId = doc._id;
    const remapped = prev?.codeMapsVersion !== codeMapsVersion;
    const listed = new Set(prev?.orderNos ?? []);
    for (const d of mine) {
      if (d.system === 'oms' && (remapped || d.linkedCustId !== custId || !listed.has(d.fact.orderNo))) {
        const order = d as LiveFactDoc<OrderFactDoc>;
        orderOps.push({
          updateMany: {
            // Only the version this rebuild read: a newer order write carries its own status.
            filter: { _id: order.fact.orderNo, pos: order.pos },
            update: { $set: { custId, status: orderStatus.get(order.fact.orderNo) ?? 'UNKNOWN' } },
          },
        });
      }
      if (d.linkedCustId !== custId)
        factOps.push({ updateMany: { filter: { _id: d._id }, update: { $set: { linkedCustId: custId } } } });
    }
  }
  if (orderOps.length > 0) await c.orders.bulkWrite(orderOps, { ordered: false });
  if (factOps.length > 0) await c.facts.bulkWrite(factOps, { ordered: false });
}

/**
 * Customers CRM deleted leave the view; their accounts and orders stay, unlinked. The removal event
 * goes to the outbox collection first: once the document is deleted nothing else carries it, and the
 * CRM delete is already stored, so the event is true. Links go before the document, so a crash in
 * between leaves a document to find on the redelivered batch.
 */
async function removeCustomers(
  gone: PreviousDoc[],
  at: Date,
  deps: RebuildDeps,
  result: RecomputeResult,
): Promise<string[]> {
  if (gone.length === 0) return [];
  const c = deps.collections;
  const entries = gone.map((prev) => {
    const outboxId = `${prev._id}:${prev.rev + 1}`;
    const events: StatusEvent[] = [
      ...prev.pendingEvents,
      {
        customerId: prev._id,
        version: prev.rev + 1,
        status: prev.status.value,
        previousStatus: prev.status.value,
        rule: 'CRM deleted the customer',
        since: prev.status.since,
        removed: true,
        changedAt: at,
      },
    ];
    return { prev, outboxId, events };
  });
  await c.outbox.bulkWrite(
    entries.map(({ prev, outboxId, events }) => ({
      replaceOne: {
        filter: { _id: outboxId },
        replacement: { custId: prev._id, events } as OutboxDoc,
        upsert: true,
      },
    })),
    { ordered: false },
  );
  await c.facts.bulkWrite(
    gone.map((p) => ({
      updateMany: { filter: { linkedCustId: p._id }, update: { $set: { linkedCustId: null } } },
    })),
    { ordered: false },
  );
  await c.orders.bulkWrite(
    gone.map((p) => ({ updateMany: { filter: { custId: p._id }, update: { $set: { custId: null } } } })),
    { ordered: false },
  );
  const deleted = await c.customers.bulkWrite(
    gone.map((p) => ({ deleteOne: { filter: { _id: p._id, rev: p.rev } } })),
    { ordered: false },
  );
  let still = new Set<string>();
  if (deleted.deletedCount < gone.length) {
    // Rebuilt by another writer in between: that writer's document stands; try again on top of it.
    const left = await deps.reads.find(
      c.customers,
      {},
      '_id',
      gone.map((p) => p._id),
      { projection: { _id: 1 } },
    );
    still = new Set(left.map((d) => d._id));
    const stale = entries.filter((e) => still.has(e.prev._id));
    if (stale.length > 0)
      await c.outbox.bulkWrite(
        stale.map((e) => ({ deleteOne: { filter: { _id: e.outboxId } } })),
        { ordered: false },
      );
  }
  for (const e of entries) {
    if (still.has(e.prev._id)) continue;
    result.removed += 1;
    result.events.push({ custId: e.prev._id, rev: null, outboxId: e.outboxId, events: e.events });
  }
  return [...still];
}
