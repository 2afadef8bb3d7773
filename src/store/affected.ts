/**
 * Whom a batch of stored changes can affect: every customer a changed row pointed at before or
 * points at now. Pure; the emails still need resolving to the CRM customers holding them.
 */
import { factId, type FactChange } from '../domain/fact-change';
import { identityFields, type FactDoc } from './fact-docs';

export interface Affected {
  /** Customers to rebuild. */
  custIds: Set<string>;
  /** Normalised emails whose CRM holders must be rebuilt too (links by email and their uniqueness). */
  emails: Set<string>;
}

export function affectedBy(changes: readonly FactChange[], before: ReadonlyMap<string, FactDoc>): Affected {
  const custIds = new Set<string>();
  const emails = new Set<string>();
  for (const change of changes) {
    const old = before.get(factId(change));
    const now = identityFields(change);
    if (change.system === 'crm') custIds.add(change.rowKey);
    // The link the last rebuild made: a hint that also covers links whose reason has since changed.
    if (old?.linkedCustId) custIds.add(old.linkedCustId);
    for (const ref of [old?.refCustId, now.refCustId]) if (ref) custIds.add(ref);
    for (const email of [old?.emailNorm, now.emailNorm]) if (email) emails.add(email);
  }
  return { custIds, emails };
}
