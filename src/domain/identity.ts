/**
 * Identity across systems: CRM cust_id is the canonical customer. Pure functions over the current
 * facts; the processors re-run them whenever an email, crm_ref or customer changes, which is what
 * makes accounts attach late and detach when a match goes away.
 */

/** The legacy rule for matching emails: trimmed and lower-cased on both sides. Empty means none. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const n = email?.trim().toLowerCase();
  return n ? n : null;
}

/** OMS names a customer as 'C' + cust_id (e.g. C1001); anything else names nobody. */
export function custIdFromBuyerCode(buyerCode: string): string | null {
  const m = /^C(\d+)$/.exec(buyerCode.trim());
  return m ? String(Number(m[1])) : null;
}

export interface CustomerDirectory {
  /** Whether CRM currently has this customer. */
  has(custId: string): boolean;
  /** The customer whose normalised CRM email this is, if exactly one. */
  byEmail(normalizedEmail: string): string | null;
}

/**
 * The customer a billing account belongs to: by crm_ref when set, else by contact email. A crm_ref
 * naming a customer CRM does not have (yet) links nobody, and the email is not tried: the reference
 * is the system's own explicit statement.
 */
export function ownerOfAccount(
  account: { crmRef: string | null; contactEmail: string },
  dir: CustomerDirectory,
): string | null {
  const ref = account.crmRef?.trim();
  if (ref) return dir.has(ref) ? ref : null;
  const email = normalizeEmail(account.contactEmail);
  return email ? dir.byEmail(email) : null;
}

export function ownerOfOrder(order: { buyerCode: string }, dir: CustomerDirectory): string | null {
  const custId = custIdFromBuyerCode(order.buyerCode);
  return custId && dir.has(custId) ? custId : null;
}
