/**
 * Per-request batching of customer reads: every key asked for while one tick of resolvers runs
 * becomes one `$in` query, results returned in key order (null for misses).
 */
import DataLoader from 'dataloader';
import type { Collection } from 'mongodb';
import type { CustomerDoc } from '../../store/customer-doc';

/** The outbox is internal to the processors; the API never ships it out of the database. */
export const CUSTOMER_PROJECTION = { pendingEvents: 0 } as const;

export function byKey<T, K>(keys: readonly K[], docs: T[], keyOf: (doc: T) => K[]): (T | null)[] {
  const found = new Map<K, T>();
  for (const d of docs) for (const k of keyOf(d)) if (!found.has(k)) found.set(k, d);
  return keys.map((k) => found.get(k) ?? null);
}

export function createCustomerLoaders(customers: Collection<CustomerDoc>) {
  const byId = new DataLoader<string, CustomerDoc | null>(async (ids) =>
    byKey(
      ids,
      await customers.find({ _id: { $in: [...ids] } }, { projection: CUSTOMER_PROJECTION }).toArray(),
      (d) => [d._id],
    ),
  );
  const byAccountNo = new DataLoader<string, CustomerDoc | null>(async (accountNos) => {
    const docs = await customers
      .find({ accountNos: { $in: [...accountNos] } }, { projection: CUSTOMER_PROJECTION })
      .toArray();
    for (const d of docs) byId.prime(d._id, d);
    return byKey(accountNos, docs, (d) => d.accountNos ?? []);
  });
  return { customerById: byId, customerByAccountNo: byAccountNo };
}
export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
