/**
 * The canonical customer lifecycle status: the first rule that holds wins (legacy spec, "Canonical
 * customer lifecycle status"). Pure: the same facts always give the same status and evidence.
 */
import { UNKNOWN } from './code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact, SourceSystem } from './facts';

export const CUSTOMER_STATUSES = [
  'PROSPECT',
  'ACTIVE',
  'INACTIVE',
  'DELINQUENT',
  'SUSPENDED',
  'BLOCKED',
  'CLOSED',
] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface StatusEvidence {
  system: SourceSystem;
  key: string;
  rawValue: string;
  meaning: string;
  changedAt: Date | null;
}

export interface DerivedStatus {
  /** UNKNOWN only when the CRM code itself is unmapped and no billing rule applies. */
  value: CustomerStatus | typeof UNKNOWN;
  rule: string;
  evidence: StatusEvidence[];
}

export interface CustomerFacts {
  crm: CrmCustomerFact;
  accounts: readonly BillingAccountFact[];
  orders: readonly OrderFact[];
}

const PURCHASED = new Set(['PAID', 'FULFILLING', 'SHIPPED', 'DELIVERED']);

const crmEvidence = (c: CrmCustomerFact): StatusEvidence => ({
  system: 'CRM',
  key: c.custId,
  rawValue: c.rawStatus,
  meaning: c.status,
  changedAt: c.changedAt,
});
const accountEvidence = (a: BillingAccountFact): StatusEvidence => ({
  system: 'BILLING',
  key: a.accountNo,
  rawValue: a.rawState,
  meaning: a.state,
  changedAt: a.changedAt,
});
const orderEvidence = (o: OrderFact): StatusEvidence => ({
  system: 'OMS',
  key: o.orderNo,
  rawValue: String(o.rawState),
  meaning: o.status,
  changedAt: o.changedAt,
});

/** Evidence in a stable order, so an unchanged status compares equal across recomputations. */
const byKey = <T extends { accountNo?: string; orderNo?: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => ((a.accountNo ?? a.orderNo ?? '') < (b.accountNo ?? b.orderNo ?? '') ? -1 : 1));

export function deriveStatus({ crm, accounts, orders }: CustomerFacts): DerivedStatus {
  if (crm.status === 'FROZEN')
    return { value: 'BLOCKED', rule: '1 BLOCKED: CRM code F (frozen)', evidence: [crmEvidence(crm)] };
  if (crm.status === 'CLOSED')
    return { value: 'CLOSED', rule: '2 CLOSED: CRM code X (closed)', evidence: [crmEvidence(crm)] };

  const suspended = byKey(accounts.filter((a) => a.state === 'SUSPENDED' || a.state === 'WRITTEN_OFF'));
  if (suspended.length > 0) {
    return {
      value: 'SUSPENDED',
      rule: '3 SUSPENDED: a linked billing account is SUSPENDED or WRITTEN_OFF',
      evidence: suspended.map(accountEvidence),
    };
  }
  const late = byKey(accounts.filter((a) => a.state === 'GRACE' || a.state === 'DUNNING'));
  if (late.length > 0) {
    return {
      value: 'DELINQUENT',
      rule: '4 DELINQUENT: a linked billing account is GRACE or DUNNING',
      evidence: late.map(accountEvidence),
    };
  }

  if (crm.status === 'ACTIVE')
    return { value: 'ACTIVE', rule: '5 ACTIVE: CRM code A', evidence: [crmEvidence(crm)] };
  if (crm.status === 'PROSPECT') {
    const bought = byKey(orders.filter((o) => PURCHASED.has(o.status)));
    if (bought.length > 0) {
      return {
        value: 'ACTIVE',
        rule: '5 ACTIVE: CRM code P with an order PAID, FULFILLING, SHIPPED or DELIVERED',
        evidence: [crmEvidence(crm), ...bought.map(orderEvidence)],
      };
    }
  }
  if (crm.status === 'INACTIVE')
    return { value: 'INACTIVE', rule: '6 INACTIVE: CRM code I', evidence: [crmEvidence(crm)] };
  if (crm.status === 'PROSPECT')
    return { value: 'PROSPECT', rule: '7 PROSPECT: CRM code P', evidence: [crmEvidence(crm)] };
  return { value: UNKNOWN, rule: 'NONE: the CRM code is not in the code maps', evidence: [crmEvidence(crm)] };
}
