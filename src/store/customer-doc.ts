/**
 * The customer document of the view, built from the customer's current facts. Pure: the store reads
 * the facts, this decides what the document says.
 */
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import { normalizeEmail } from '../domain/identity';
import { summarizeOrders } from '../domain/order-summary';
import { DEFAULT_STATUS_HISTORY_LIMIT, nextStatusHistory } from '../domain/status-history';
import { deriveStatus, type StatusEvidence } from '../domain/status-rules';
import type { Binary } from 'mongodb';
import { decodeStatusHistory, encodeStatusHistory } from './status-history-field';

export const CUSTOMERS = 'customers';

export interface CustomerDoc {
  _id: string;
  crmId: string;
  name: string;
  nameLower: string;
  email: string | null;
  emailNorm: string | null;
  phone: string | null;
  vipLevel: number;
  status: { value: string; rule: string; since: Date | null; evidence: StatusEvidence[] };
  accountNos: string[];
  /** The linked billing accounts, embedded: a page of customers needs no extra round trip for them. */
  accounts: AccountView[];
  orderNos: string[];
  openOrders: number;
  /** Integer fen as a decimal string: 64-bit safe on every driver and in JSON. */
  lifetimeSpendFen: string;
  lastOrderAt: Date | null;
  /** Newest source commit time among the facts this document was built from: how fresh it is. */
  asOf: Date;
  codeMapsVersion: number;
  updatedAt: Date;
  /** Grows with every rewrite: the optimistic-concurrency check and the version of state events. */
  rev: number;
  /**
   * Status changes not yet published to `customer-state.v1`. Written atomically with the status
   * itself (an outbox inside the document), removed once the topic acknowledged them.
   */
  pendingEvents: StatusEvent[];
  /**
   * Every status change with its rule and evidence, oldest first, at most STATUS_HISTORY_LIMIT
   * (domain/status-history.ts), encoded as one binary value (status-history-field.ts). Written in the
   * same update as the status, so it is exactly as atomic. Absent on documents written before the view
   * kept a history, and with a limit of 0.
   */
  statusHistory?: Binary;
  /** Token of the rebuild that wrote this revision: tells a bulk write's winners from its losers. */
  writer?: string;
  /**
   * The rows this revision was built from (its CRM row, accounts and orders, as stored: fact-docs.ts
   * `encodeSources`), so a later batch that changes none of its links rebuilds it without reading
   * them (store/customer-inputs.ts). Internal: the API never ships it.
   */
  sources?: Binary;
  /** Links of rows to this customer are still being written: rebuild it by discovery until done. */
  linksPending?: boolean;
}

export interface AccountView {
  accountNo: string;
  /** Canonical billing meaning, or UNKNOWN. */
  state: string;
  rawState: string;
  /** numeric(12,2) as its decimal text. */
  balance: string;
  updatedAt: Date | null;
}

/** One entry of the outbox: what `customer-state.v1` carries (schemas/customer-state.v1.avsc). */
export interface StatusEvent {
  customerId: string;
  version: number;
  status: string;
  previousStatus: string | null;
  rule: string;
  since: Date | null;
  removed: boolean;
  changedAt: Date;
}

export interface CustomerInputs {
  crm: CrmCustomerFact;
  accounts: BillingAccountFact[];
  orders: OrderFact[];
  /** Newest sourceTsMs of those facts. */
  asOfMs: number;
}

export function buildCustomerDoc(
  input: CustomerInputs,
  previous: Pick<CustomerDoc, 'status' | 'rev' | 'pendingEvents' | 'statusHistory'> | null,
  codeMapsVersion: number,
  now: Date,
  historyLimit = DEFAULT_STATUS_HISTORY_LIMIT,
  /** Lowest revision allowed after a generation switch (view-generations.ts `revFloor`). */
  revFloor = 0,
): CustomerDoc {
  const { crm, accounts, orders } = input;
  const status = deriveStatus({ crm, accounts, orders });
  const summary = summarizeOrders(orders);
  const newest = status.evidence.reduce<Date | null>(
    (m, e) => (e.changedAt && (!m || e.changedAt > m) ? e.changedAt : m),
    null,
  );
  // The status keeps its "since" while its value holds; a new value dates from its newest evidence.
  const since = previous && previous.status.value === status.value ? previous.status.since : newest;
  const rev = Math.max(previous?.rev ?? 0, revFloor) + 1;
  const pendingEvents = [...(previous?.pendingEvents ?? [])];
  if (previous?.status.value !== status.value) {
    pendingEvents.push({
      customerId: crm.custId,
      version: rev,
      status: status.value,
      previousStatus: previous?.status.value ?? null,
      rule: status.rule,
      since,
      removed: false,
      changedAt: now,
    });
  }
  const statusHistory = historyOf(previous, historyLimit, {
    rev,
    status: status.value,
    rule: status.rule,
    evidence: status.evidence,
    since,
    committedAt: new Date(input.asOfMs),
    recordedAt: now,
    codeMapsVersion,
  });
  return {
    _id: crm.custId,
    crmId: crm.custId,
    name: crm.name,
    nameLower: crm.name.toLowerCase(),
    email: crm.email,
    emailNorm: normalizeEmail(crm.email),
    phone: crm.mobile,
    vipLevel: crm.vipLevel,
    status: { value: status.value, rule: status.rule, since, evidence: status.evidence },
    accountNos: accounts.map((a) => a.accountNo).sort(),
    accounts: [...accounts]
      .sort((a, b) => (a.accountNo < b.accountNo ? -1 : 1))
      .map((a) => ({
        accountNo: a.accountNo,
        state: a.state,
        rawState: a.rawState,
        balance: a.balance,
        updatedAt: a.changedAt,
      })),
    orderNos: orders.map((o) => o.orderNo).sort(),
    openOrders: summary.openOrders,
    lifetimeSpendFen: summary.lifetimeSpendFen.toString(),
    lastOrderAt: summary.lastOrderAt,
    asOf: new Date(input.asOfMs),
    codeMapsVersion,
    updatedAt: now,
    rev,
    pendingEvents,
    ...(statusHistory && { statusHistory }),
  };
}

/**
 * The stored history after this rebuild: the previous document's value itself when it did not change
 * (the writer then leaves it out of the update), a new encoding when it did.
 */
function historyOf(
  previous: Pick<CustomerDoc, 'status' | 'statusHistory'> | null,
  limit: number,
  next: Parameters<typeof nextStatusHistory>[2],
): Binary | undefined {
  const before = decodeStatusHistory(previous?.statusHistory);
  const after = nextStatusHistory(before, previous?.status.value ?? null, next, limit);
  if (after === before) return previous?.statusHistory;
  if (after.length === 0 && !previous?.statusHistory) return undefined;
  return encodeStatusHistory(after);
}
