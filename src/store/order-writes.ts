/**
 * The `orders` documents (keyed by order_no) follow their facts, guarded by the same source position,
 * for a whole batch at once: deletes of renumbered or deleted orders, guarded updates of orders the
 * view has, inserts of new ones, each with the customer the batch linked its row to.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import type { FactChange } from '../domain/fact-change';
import { AppError } from '../shared/errors';
import type { Collections } from './collections';
import type { RowWrite } from './fact-writes';
import { insertNew } from './insert-new';
import type { KeyReads } from './key-reads';
import { orderDoc, type OrderDoc } from './order-docs';
import { updateInParts } from './parallel-updates';

type OmsChange = Extract<FactChange, { system: 'oms' }>;
type LiveOms = OmsChange & { fact: NonNullable<OmsChange['fact']> };
/** An order row of the batch and the customer it is linked to (null: nobody). */
interface OrderWrite {
  c: LiveOms;
  custId: string | null;
}

interface Deps {
  collections: Pick<Collections, 'orders'>;
  reads: KeyReads;
  writeParts: number;
}

export async function writeOrders(rows: readonly RowWrite[], deps: Deps): Promise<void> {
  const { orders } = deps.collections;
  const removals: AnyBulkWriteOperation<OrderDoc>[] = [];
  const likelyStored: OrderWrite[] = [];
  const likelyNew: OrderWrite[] = [];
  for (const row of rows) {
    if (row.change.system !== 'oms') continue;
    const c = row.change;
    const old = row.before;
    // A delete carries only orders.id; the stored fact knows its order_no. So does a renumbered order.
    const oldNo = old?.system === 'oms' ? old.fact?.orderNo : undefined;
    if (oldNo && oldNo !== c.fact?.orderNo)
      removals.push({ deleteOne: { filter: { _id: oldNo, pos: { $lte: c.position.key } } } });
    if (!c.fact) continue;
    const write = { c: c as LiveOms, custId: row.after.linkedCustId };
    // The previous version of the row wrote this order, unless a crash came in between: guess, then check.
    (oldNo === c.fact.orderNo ? likelyStored : likelyNew).push(write);
  }
  if (removals.length > 0) await orders.bulkWrite(removals, { ordered: false });
  const missing = await updateStored(orders, likelyStored, deps);
  await insertOrders(orders, [...likelyNew, ...missing], deps);
}

const fields = ({ c, custId }: OrderWrite) => {
  const { _id, ...rest } = orderDoc(c.fact, c.rowKey, custId, c.position.key, c.sourceTsMs);
  void _id;
  return rest;
};

/** Guarded updates; returns the writes whose order document turned out not to exist. */
async function updateStored(
  orders: Collections['orders'],
  writes: OrderWrite[],
  { reads, writeParts }: Deps,
): Promise<OrderWrite[]> {
  if (writes.length === 0) return [];
  const result = await updateInParts(
    orders,
    writes.map((w) => ({
      updateMany: {
        filter: { _id: w.c.fact.orderNo, pos: { $lte: w.c.position.key } },
        update: { $set: fields(w) },
      },
    })),
    writeParts,
  );
  if (result.matchedCount === writes.length) return [];
  // Not matched: either a newer version is stored (nothing to do) or the document is missing.
  const nos = writes.map((w) => w.c.fact.orderNo);
  const stored = new Set(
    (await reads.find(orders, {}, '_id', nos, { projection: { _id: 1 } })).map((d) => d._id),
  );
  return writes.filter((w) => !stored.has(w.c.fact.orderNo));
}

/** Inserts order documents; one another writer inserted first goes through the guarded update. */
async function insertOrders(orders: Collections['orders'], writes: OrderWrite[], deps: Deps) {
  const present = await insertNew(
    orders,
    writes.map((w) => ({ _id: w.c.fact.orderNo, ...fields(w) })),
  );
  const lost = present.map((i) => writes[i] as OrderWrite);
  if ((await updateStored(orders, lost, deps)).length > 0)
    throw new AppError('store-conflict', 'an order reported as existing could not be found', {
      retriable: true,
    });
}
