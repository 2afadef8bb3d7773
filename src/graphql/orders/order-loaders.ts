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
  /** Items to fetch: the page size plus one, which only tells whether a next page exists. */
  limit: number;
  after: CursorKey | null;
  status: string[] | null;
}

export const ORDER_CURSOR = 'order';
export const orderCursor = (o: OrderDoc) => encodeCursor(ORDER_CURSOR, [o.placedAt.getTime(), o._id]);

/** Newest first; the order number breaks ties so the order is total and cursors are exact. */
const NEWEST_FIRST = { custId: 1, placedAt: -1, _id: -1 } as const;
/**
 * One reply for a page of customers: the driver's default first batch (101 documents) would add
 * getMore round trips for 50 customers with a few orders each.
 */
const BATCH = 5000;

function orderQuery(custIds: string[], key: OrderPageKey): Filter<OrderDoc> {
  const q: Filter<OrderDoc> = { custId: custIds.length === 1 ? custIds[0] : { $in: custIds } };
  if (key.status) q.status = { $in: key.status };
  if (key.after) {
    const [ms, orderNo] = key.after as [number, string];
    const at = new Date(ms);
    q.$or = [{ placedAt: { $lt: at } }, { placedAt: at, _id: { $lt: orderNo } }];
  }
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
        const g = k.after ? JSON.stringify(k) : JSON.stringify([k.limit, k.status]);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const pages = new Map<OrderPageKey, OrderDoc[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const first = group[0] as OrderPageKey;
          const ids = [...new Set(group.map((k) => k.custId))];
          const cursor = orders.find(orderQuery(ids, first)).sort(NEWEST_FIRST).batchSize(BATCH);
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
  return { orderByNo: byNo, ordersOfCustomer: pageOf };
}
export type OrderLoaders = ReturnType<typeof createOrderLoaders>;
