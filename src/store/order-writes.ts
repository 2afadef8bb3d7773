/**
 * The `orders` documents (keyed by order_no) follow their facts, guarded by the same source position,
 * for a whole batch at once: deletes of renumbered or deleted orders, guarded updates of orders the
 * view has, inserts of new ones. Which customer an order belongs to is the customer rebuild's job;
 * a new order starts unlinked.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { factId, type FactChange } from '../domain/fact-change';
import { isDuplicateKey } from '../shared/errors';
import type { Collections } from './collections';
import type { FactDoc } from './fact-docs';
import type { KeyReads } from './key-reads';
import { orderDoc, type OrderDoc } from './order-docs';

type OmsChange = Extract<FactChange, { system: 'oms' }>;

interface Deps {
  collections: Pick<Collections, 'orders'>;
  reads: KeyReads;
}

export async function writeOrders(
  changes: readonly FactChange[],
  before: ReadonlyMap<string, FactDoc>,
  deps: Deps,
): Promise<void> {
  const { orders } = deps.collections;
  const oms = changes.filter((c): c is OmsChange => c.system === 'oms');
  if (oms.length === 0) return;
  const removals: AnyBulkWriteOperation<OrderDoc>[] = [];
  const likelyStored: OmsChange[] = [];
  const likelyNew: OmsChange[] = [];
  for (const c of oms) {
    const old = before.get(factId(c));
    // A delete carries only orders.id; the stored fact knows its order_no. So does a renumbered order.
    const oldNo = old?.system === 'oms' ? old.fact?.orderNo : undefined;
    if (oldNo && oldNo !== c.fact?.orderNo)
      removals.push({ deleteOne: { filter: { _id: oldNo, pos: { $lte: c.position.key } } } });
    if (!c.fact) continue;
    // The previous version of the row wrote this order, unless a crash came in between: guess, then check.
    (oldNo === c.fact.orderNo ? likelyStored : likelyNew).push(c);
  }
  if (removals.length > 0) await orders.bulkWrite(removals, { ordered: false });
  const missing = await updateStored(orders, likelyStored, deps.reads);
  await insertNew(orders, [...likelyNew, ...missing], deps.reads);
}

const fields = (c: OmsChange & { fact: NonNullable<OmsChange['fact']> }) => {
  const { _id, custId, ...rest } = orderDoc(c.fact, c.rowKey, null, c.position.key, c.sourceTsMs);
  void _id;
  void custId;
  return rest;
};
const live = (c: OmsChange): c is OmsChange & { fact: NonNullable<OmsChange['fact']> } => c.fact !== null;

/** Guarded updates; returns the changes whose order document turned out not to exist. */
async function updateStored(
  orders: Collections['orders'],
  changes: OmsChange[],
  reads: KeyReads,
): Promise<OmsChange[]> {
  const list = changes.filter(live);
  if (list.length === 0) return [];
  const result = await orders.bulkWrite(
    list.map((c) => ({
      updateMany: {
        filter: { _id: c.fact.orderNo, pos: { $lte: c.position.key } },
        update: { $set: fields(c) },
      },
    })),
    { ordered: false },
  );
  if (result.matchedCount === list.length) return [];
  // Not matched: either a newer version is stored (nothing to do) or the document is missing.
  const stored = new Set(
    (
      await reads.find(
        orders,
        {},
        '_id',
        list.map((c) => c.fact.orderNo),
        { projection: { _id: 1 } },
      )
    ).map((d) => d._id),
  );
  return list.filter((c) => !stored.has(c.fact.orderNo));
}

/** Inserts unlinked order documents; one another writer inserted first goes through the guarded update. */
async function insertNew(orders: Collections['orders'], changes: OmsChange[], reads: KeyReads) {
  const list = changes.filter(live);
  if (list.length === 0) return;
  try {
    await orders.insertMany(
      list.map((c) => ({ _id: c.fact.orderNo, custId: null, ...fields(c) })),
      { ordered: false },
    );
  } catch (e) {
    const errors = (e as { writeErrors?: unknown }).writeErrors;
    const failed = Array.isArray(errors) ? errors : errors ? [errors] : [];
    if (failed.length === 0 || !failed.every(isDuplicateKey)) throw e;
    const lost = failed.map((w) => list[(w as { index: number }).index] as OmsChange);
    const stillMissing = await updateStored(orders, lost, reads);
    if (stillMissing.length > 0) throw new Error('an order reported as existing could not be read back');
  }
}
