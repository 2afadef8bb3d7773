/**
 * CustomerFilter to a MongoDB query, each condition on an indexed field (see ensureIndexes in
 * src/store/create-store.ts). Pure.
 */
import type { Filter } from 'mongodb';
import { normalizeEmail } from '../../domain/identity';
import type { CustomerDoc } from '../../store/customer-doc';
import { badInput } from '../errors';

export interface CustomerFilterInput {
  status?: string[] | null;
  vipLevelAtLeast?: number | null;
  updatedAfter?: Date | null;
  email?: string | null;
  namePrefix?: string | null;
}

/** Sorts after every string that starts with the prefix: a prefix becomes an index range. */
const PREFIX_END = '\uffff';

/** The ids a keyset page lies between (both exclusive); null: unbounded on that side. */
export interface IdRange {
  after: string | null;
  before: string | null;
}

export function customerQuery(
  filter: CustomerFilterInput | null | undefined,
  range: IdRange = { after: null, before: null },
) {
  const q: Filter<CustomerDoc> = {};
  if (filter?.status) q['status.value'] = { $in: filter.status };
  if (filter?.vipLevelAtLeast != null) q.vipLevel = { $gte: filter.vipLevelAtLeast };
  if (filter?.updatedAfter) q.updatedAt = { $gt: filter.updatedAfter };
  if (filter?.email != null) {
    const email = normalizeEmail(filter.email);
    if (!email) throw badInput('filter.email must not be blank', { argument: 'filter.email' });
    q.emailNorm = email;
  }
  if (filter?.namePrefix != null) {
    const prefix = filter.namePrefix.toLowerCase();
    // A range, not a regex: FerretDB and MongoDB both serve it from the nameLower index.
    if (prefix) q.nameLower = { $gte: prefix, $lt: prefix + PREFIX_END };
  }
  if (range.after !== null || range.before !== null)
    q._id = {
      ...(range.after !== null ? { $gt: range.after } : {}),
      ...(range.before !== null ? { $lt: range.before } : {}),
    };
  return q;
}
