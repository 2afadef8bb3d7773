/**
 * Per-request batching of order reads. The orders of a whole page of customers are one query: keys
 * sharing the same page arguments are fetched together and split per customer in memory.
 */
import DataLoader from 'dataloader';
import type { Collection, Filter } from 'mongodb';
import type { OrderDoc } from '../../store/order-docs';
import { byKey, keyFilter } from '../customers/customer-loaders';
import { encodeCursor, type CursorKey } from '../cursor';

export interface OrderPageKey {
  custId: string;
  /** Items to fetch: the page size plus one, which only tells whether more exist. */
  limit: number;
  /** Read towards newer orders (last/before), in reverse order. */
  backward: boolean;
  after: CursorKey | null;
  before: CursorKey | null;
  status: string[] | null;
}

export const ORDER_CURSOR = { kind: 'order', shape: ['number', 'string'] } as const;
export const orderCursor = (o: OrderDoc) => encodeCursor(ORDER_CURSOR.kind, [o.placedAt.getTime(), o._id]);

/** Newest first; the order number breaks ties so the order is total and cursors are exact. */
const NEWEST_FIRST = { custId: 1, placedAt: -1, _id: -1 } as const;
/** The same index walked the other way, for backward pages. */
const OLDEST_FIRST = { custId: -1, placedAt: 1, _id: 1 } as const;
/**
 * One reply for a page of customers: the driver's default first batch (101 documents) would add
 * getMore round trips for 50 customers with a few orders each.
 */
const BATCH = 5000;

/** Orders after a cursor in newest-first order are older: placed earlier, or at once with a lower number. */
function olderThan(key: CursorKey): Filter<OrderDoc> {
  const [ms, orderNo] = key as [number, string];
  const at = new Date(ms);
  return { $or: [{ placedAt: { $lt: at } }, { placedAt: at, _id: { $lt: orderNo } }] };
}
function newerThan(key: CursorKey): Filter<OrderDoc> {
  const [ms, orderNo] = key as [number, string];
  const at = new Date(ms);
  return { $or: [{ placedAt: { $gt: at } }, { placedAt: at, _id: { $gt: orderNo } }] };
}

export function orderQuery(custIds: string[], key: Omit<OrderPageKey, 'custId' | 'limit'>): Filter<OrderDoc> {
  const q: Filter<OrderDoc> = { custId: custIds.length === 1 ? custIds[0] : { $in: custIds } };
  if (key.status) q.status = { $in: key.status };
  const bounds = [
    ...(key.after ? [olderThan(key.after)] : []),
    ...(key.before ? [newerThan(key.before)] : []),
  ];
  if (bounds.length === 1) Object.assign(q, bounds[0]);
  if (bounds.length === 2) q.$and = bounds;
  return q;
}

export function createOrderLoaders(orders: Collection<OrderDoc>) {
  const byNo = new DataLoader<string, OrderDoc | null>(async (nos) =>
    byKey(nos, await orders.find(keyFilter('_id', nos)).toArray(), (d) => [d._id]),
  );

  const pageOf = new DataLoader<OrderPageKey, OrderDoc[], string>(
    async (keys) => {
      const groups = new Map<string, OrderPageKey[]>();
      for (const k of keys) {
        // Keys with a cursor each need their own range; the usual first pages share one query.
        const g = k.after || k.before ? JSON.stringify(k) : JSON.stringify([k.limit, k.status, k.backward]);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const pages = new Map<OrderPageKey, OrderDoc[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const first = group[0] as OrderPageKey;
          const ids = [...new Set(group.map((k) => k.custId))];
          const cursor = orders
            .find(orderQuery(ids, first))
            .sort(first.backward ? OLDEST_FIRST : NEWEST_FIRST)
            .batchSize(BATCH);
          // A single customer's page can stop at the limit; a batch has no per-customer limit.
          const docs = await (ids.length === 1 ? cursor.limit(first.limit) : cursor).toArray();
          const perCustomer = new Map<string, OrderDoc[]>();
          for (const d of docs) {
            byNo.prime(d._id, d);
            const list = perCustomer.get(d.custId as string) ?? [];
            if (list.length < first.limit) list.push(d);
            perCustomer.set(d.custId as string, list);
          }
          for (const k of group) pages.set(k, perCustomer.get(k.custId) ?? []);
        }),
      );
      return keys.map((k) => pages.get(k) ?? []);
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  );

  /** Orders per customer in some statuses: one aggregation for a whole page of customers. */
  const countOf = new DataLoader<{ custId: string; status: string[] }, number, string>(
    async (keys) => {
      const byStatus = new Map<string, string[]>();
      for (const k of keys) {
        const g = JSON.stringify([...k.status].sort());
        byStatus.set(g, [...(byStatus.get(g) ?? []), k.custId]);
      }
      const counts = new Map<string, number>();
      await Promise.all(
        [...byStatus].map(async ([g, custIds]) => {
          const rows = await orders
            .aggregate<{ _id: string; n: number }>([
              { $match: { custId: { $in: custIds }, status: { $in: JSON.parse(g) as string[] } } },
              { $group: { _id: '$custId', n: { $sum: 1 } } },
            ])
            .toArray();
          for (const r of rows) counts.set(`${g}|${r._id}`, r.n);
        }),
      );
      return keys.map((k) => counts.get(`${JSON.stringify([...k.status].sort())}|${k.custId}`) ?? 0);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.custId, [...k.status].sort()]) },
  );
  return { orderByNo: byNo, ordersOfCustomer: pageOf, orderCountOfCustomer: countOf };
}
export type OrderLoaders = ReturnType<typeof createOrderLoaders>;
