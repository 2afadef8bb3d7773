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

/**
 * An email matters where it decides a link: a billing account without crm_ref belongs to the one CRM
 * customer holding its email, and a CRM row that gains, loses or changes an email changes who holds
 * it. A CRM row whose email stays, or an account with a crm_ref, leaves every email link as it was.
 */
export function affectedBy(changes: readonly FactChange[], before: ReadonlyMap<string, FactDoc>): Affected {
  const custIds = new Set<string>();
  const emails = new Set<string>();
  for (const change of changes) {
    const old = before.get(factId(change));
    const now = identityFields(change);
    const was = old && old.fact !== null ? old : null;
    // The link the last rebuild made: a hint that also covers links whose reason has since changed.
    if (old?.linkedCustId) custIds.add(old.linkedCustId);
    for (const ref of [was?.refCustId, now.refCustId]) if (ref) custIds.add(ref);
    if (change.system === 'crm') {
      custIds.add(change.rowKey);
      const wasEmail = was?.emailNorm ?? null;
      const isEmail = change.fact ? now.emailNorm : null;
      if (wasEmail !== isEmail) for (const e of [wasEmail, isEmail]) if (e) emails.add(e);
      continue;
    }
    if (was && !was.refCustId && was.emailNorm) emails.add(was.emailNorm);
    if (change.fact && !now.refCustId && now.emailNorm) emails.add(now.emailNorm);
  }
  return { custIds, emails };
}
