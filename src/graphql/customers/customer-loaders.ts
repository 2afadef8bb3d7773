/**
 * Per-request batching of customer reads: every key asked for while one tick of resolvers runs
 * becomes one `$in` query, results returned in key order (null for misses).
 */
import DataLoader from 'dataloader';
import type { Collection } from 'mongodb';
import type { CustomerDoc } from '../../store/customer-doc';

/** The outbox and the rebuild's own fields are internal to the processors: never shipped out. */
export const CUSTOMER_PROJECTION = { pendingEvents: 0, sources: 0, writer: 0, linksPending: 0 } as const;

/**
 * `field: key` for one key, `$in` for several. FerretDB 1.x pushes equality down to its backend but
 * evaluates `$in` itself over the whole collection, so the single-key case (the common one for
 * `customer(id)`) must not pay for a scan.
 */
export function keyFilter<K>(field: string, keys: readonly K[]): Record<string, unknown> {
  return keys.length === 1 ? { [field]: keys[0] } : { [field]: { $in: [...keys] } };
}

export function byKey<T, K>(keys: readonly K[], docs: T[], keyOf: (doc: T) => K[]): (T | null)[] {
  const found = new Map<K, T>();
  for (const d of docs) for (const k of keyOf(d)) if (!found.has(k)) found.set(k, d);
  return keys.map((k) => found.get(k) ?? null);
}

export function createCustomerLoaders(customers: Collection<CustomerDoc>) {
  const byId = new DataLoader<string, CustomerDoc | null>(async (ids) =>
    byKey(
      ids,
      await customers.find(keyFilter('_id', ids), { projection: CUSTOMER_PROJECTION }).toArray(),
      (d) => [d._id],
    ),
  );
  const byAccountNo = new DataLoader<string, CustomerDoc | null>(async (accountNos) => {
    const docs = await customers
      .find(keyFilter('accountNos', accountNos), { projection: CUSTOMER_PROJECTION })
      .toArray();
    for (const d of docs) byId.prime(d._id, d);
    return byKey(accountNos, docs, (d) => d.accountNos ?? []);
  });
  return { customerById: byId, customerByAccountNo: byAccountNo };
}
export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
