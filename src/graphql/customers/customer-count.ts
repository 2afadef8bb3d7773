/**
 * CustomerConnection.totalCount, kept cheap. Without a filter it is the collection's own count
 * (`count` command: MongoDB answers it from collection metadata, without reading documents). With a
 * filter it is `countDocuments` stopped at `max + 1` matches: on MongoDB an index count over the
 * filter's index range that reads at most that many keys; past `max` the answer is "max or more".
 */
import type { Collection, Filter } from 'mongodb';
import type { CustomerDoc } from '../../store/customer-doc';

export interface CustomerCount {
  n: number;
  /** False when counting stopped at the limit. */
  exact: boolean;
}

export async function countCustomers(
  customers: Collection<CustomerDoc>,
  filter: Filter<CustomerDoc>,
  max: number,
): Promise<CustomerCount> {
  if (Object.keys(filter).length === 0) return { n: await customers.estimatedDocumentCount(), exact: true };
  const n = await customers.countDocuments(filter, { limit: max + 1 });
  return n > max ? { n: max, exact: false } : { n, exact: true };
}
