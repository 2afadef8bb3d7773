/**
 * The writes of a customer rebuild, in the order that keeps a crash harmless: stray links cleared,
 * documents written where their revision held, links set, deleted customers removed. Each step is
 * one bulk command per collection for the whole batch.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { insertNew } from './insert-new';
import type { Collections, OutboxDoc } from './collections';
import type { StatusEvent } from './customer-doc';
import type { PreviousDoc } from './customer-inputs';
import type { Built, RebuildDeps, RecomputeResult } from './customer-rebuild';
import type { FactDoc, LiveFactDoc, OrderFactDoc } from './fact-docs';
import type { OrderDoc } from './order-docs';
import { updateInParts } from './parallel-updates';

/**
 * Before the new document goes in, rows the customer lost stop pointing at it. In this order a crash
 * in between leaves the old document listing them, so the redelivered batch unlinks them again.
 */
export async function unlinkLost(built: Built[], c: Collections, force: ReadonlySet<string>): Promise<void> {
  const factOps: AnyBulkWriteOperation<FactDoc>[] = [];
  const orderOps: AnyBulkWriteOperation<OrderDoc>[] = [];
  for (const { doc, prev, mine } of built) {
    const keep = new Set([...doc.accountNos, ...doc.orderNos]);
    const lost = prev ? [...prev.accountNos, ...prev.orderNos].some((k) => !keep.has(k)) : false;
    if (!lost && !force.has(doc._id)) continue;
    factOps.push({
      updateMany: {
        filter: { linkedCustId: doc._id, _id: { $nin: mine.map((d) => d._id) } },
        update: { $set: { linkedCustId: null } },
      },
    });
    if (force.has(doc._id) || prev?.orderNos.some((n) => !keep.has(n)))
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
export async function writeDocs(built: Built[], writer: string, deps: RebuildDeps) {
  const { customers } = deps.collections;
  const conflicted: string[] = [];
  const fresh = built.filter((b) => b.prev === null);
  const known = built.filter((b) => b.prev !== null);
  const lost = new Set<string>();
  // Another writer created the customer first: rebuild it again on top of that document.
  const present = await insertNew(
    customers,
    fresh.map((b) => b.doc),
  );
  for (const i of present) lost.add((fresh[i] as Built).doc._id);
  if (known.length > 0) {
    const r = await updateInParts(
      customers,
      known.map(({ doc, prev }) => {
        const { _id, statusHistory, ...rest } = doc;
        // An unchanged history is the stored one (the revision check guarantees it): not sent again.
        const fields = statusHistory === prev?.statusHistory ? rest : { ...rest, statusHistory };
        return {
          // Not replaceOne: an `$set` of every field is the same document, and FerretDB releases its
          // connection per statement for multi updates (docs/ferretdb.md).
          updateMany: { filter: { _id, rev: (prev as PreviousDoc).rev }, update: { $set: fields } },
        };
      }),
      deps.writeParts,
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
  const won = built.filter((b) => !lost.has(b.doc._id));
  // Remember what was written; forget what another writer changed (its next read goes to the store).
  for (const id of lost) deps.cache.customers.delete(id);
  for (const { doc } of won) {
    const {
      _id,
      status,
      rev,
      pendingEvents,
      statusHistory,
      accountNos,
      orderNos,
      codeMapsVersion,
      sources,
      linksPending,
    } = doc;
    deps.cache.customers.set(_id, {
      _id,
      status,
      rev,
      pendingEvents,
      ...(statusHistory && { statusHistory }),
      accountNos,
      orderNos,
      codeMapsVersion,
      ...(sources && { sources }),
      ...(linksPending !== undefined && { linksPending }),
    });
  }
  return { won, conflicted };
}

/** Per customer, the link writes its rows need: orders first, then facts. */
export type LinkPlan = Map<
  string,
  { orders: AnyBulkWriteOperation<OrderDoc>[]; facts: AnyBulkWriteOperation<FactDoc>[] }
>;

/**
 * Which of the customers' rows to point at them. An order needs a write when it is new to the
 * customer, not yet marked linked, or its status was mapped by older code maps; a fact when it is not
 * linked to the customer. Rows in `handled` were written with their link already.
 */
export function planLinks(built: Built[], codeMapsVersion: number, handled: ReadonlySet<string>): LinkPlan {
  const plan: LinkPlan = new Map();
  for (const { doc, prev, mine, orderStatus } of built) {
    const custId = doc._id;
    const remapped = prev?.codeMapsVersion !== codeMapsVersion;
    const listed = new Set(prev?.orderNos ?? []);
    const orders: AnyBulkWriteOperation<OrderDoc>[] = [];
    const facts: AnyBulkWriteOperation<FactDoc>[] = [];
    for (const d of mine) {
      if (handled.has(d._id)) continue;
      if (d.system === 'oms' && (remapped || d.linkedCustId !== custId || !listed.has(d.fact.orderNo))) {
        const order = d as LiveFactDoc<OrderFactDoc>;
        orders.push({
          updateMany: {
            // Only the version this rebuild read: a newer order write carries its own status.
            filter: { _id: order.fact.orderNo, pos: order.pos },
            update: { $set: { custId, status: orderStatus.get(order.fact.orderNo) ?? 'UNKNOWN' } },
          },
        });
      }
      if (d.linkedCustId !== custId)
        facts.push({
          updateMany: { filter: { _id: d._id, pos: d.pos }, update: { $set: { linkedCustId: custId } } },
        });
    }
    if (orders.length > 0 || facts.length > 0) plan.set(custId, { orders, facts });
  }
  return plan;
}

/**
 * Points the won customers' rows at them, after their documents: orders first, then the facts' links,
 * so a crash in between leaves the fact unlinked and the next rebuild writes the order again. Those
 * documents were written with `linksPending`, which sends their next rebuild to discovery (rows and
 * links read again) until it is cleared here.
 */
export async function writeLinks(links: LinkPlan, won: Built[], writer: string, deps: RebuildDeps) {
  const c = deps.collections;
  const done = won.filter((b) => links.has(b.doc._id));
  if (done.length === 0) return;
  const mine = done.map((b) => links.get(b.doc._id) as NonNullable<ReturnType<LinkPlan['get']>>);
  const orderOps = mine.flatMap((l) => l.orders);
  const factOps = mine.flatMap((l) => l.facts);
  if (orderOps.length > 0) await c.orders.bulkWrite(orderOps, { ordered: false });
  if (factOps.length > 0) await c.facts.bulkWrite(factOps, { ordered: false });
  await c.customers.bulkWrite(
    done.map(({ doc }) => ({
      updateMany: {
        filter: { _id: doc._id, rev: doc.rev, writer },
        update: { $set: { linksPending: false } },
      },
    })),
    { ordered: false },
  );
  for (const { doc } of done) {
    const known = deps.cache.customers.get(doc._id);
    if (known?.rev === doc.rev) deps.cache.customers.set(doc._id, { ...known, linksPending: false });
  }
}

/**
 * Customers CRM deleted leave the view; their accounts and orders stay, unlinked. The removal event
 * goes to the outbox collection first: once the document is deleted nothing else carries it, and the
 * CRM delete is already stored, so the event is true. Links go before the document, so a crash in
 * between leaves a document to find on the redelivered batch.
 */
export async function removeCustomers(
  gone: PreviousDoc[],
  at: Date,
  deps: RebuildDeps,
  result: RecomputeResult,
): Promise<string[]> {
  if (gone.length === 0) return [];
  const c = deps.collections;
  const entries = gone.map((prev) => {
    // A removal outranks every version consumers saw, also those of a generation switched from.
    const version = Math.max(prev.rev, deps.revFloor ?? 0) + 1;
    const outboxId = `${prev._id}:${version}`;
    const events: StatusEvent[] = [
      ...prev.pendingEvents,
      {
        customerId: prev._id,
        version,
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
  for (const p of gone) deps.cache.customers.delete(p._id);
  for (const e of entries) {
    if (still.has(e.prev._id)) continue;
    result.removed += 1;
    result.events.push({ custId: e.prev._id, rev: null, outboxId: e.outboxId, events: e.events });
  }
  return [...still];
}
