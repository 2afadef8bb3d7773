/**
 * What the view should say of every customer, computed from the legacy rows as they are now with
 * the same rules the processors apply (identity, code maps, status precedence, order summary). A
 * difference from the view is then drift of the pipeline (a lost or unapplied change, a write to the
 * view by hand, a snapshot that never ran), not a difference of rules. Pure.
 */
import type { CodeMaps } from '../domain/code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import { normalizeEmail, ownerOfAccount, ownerOfOrder, type CustomerDirectory } from '../domain/identity';
import { summarizeOrders } from '../domain/order-summary';
import { deriveStatus } from '../domain/status-rules';

/** The columns of crm.customers that decide a customer's view. */
export interface CrmRow {
  cust_id: string;
  cust_name: string;
  email: string | null;
  cust_status: string;
  vip_level: number;
}
/** The columns of billing accounts that decide links and status. */
export interface AccountRow {
  account_no: string;
  crm_ref: string | null;
  contact_email: string;
  acct_state: string;
  balance: string;
}
/** The columns of oms orders that decide links, status and the order summary. */
export interface OrderRow {
  order_no: string;
  buyer_code: string;
  state: number;
  total_fen: string;
  placed_at: Date;
}

export interface SourceRows {
  customers: readonly CrmRow[];
  accounts: readonly AccountRow[];
  orders: readonly OrderRow[];
}

/** The fields of a customer document reconciliation compares. */
export interface ExpectedCustomer {
  name: string;
  vipLevel: number;
  status: string;
  accountNos: string[];
  orderNos: string[];
  openOrders: number;
  lifetimeSpendFen: string;
}

export function expectedView(rows: SourceRows, codeMaps: CodeMaps): Map<string, ExpectedCustomer> {
  const crm = new Map<string, CrmCustomerFact>();
  const holders = new Map<string, number>();
  for (const r of rows.customers) {
    const fact: CrmCustomerFact = {
      custId: r.cust_id,
      name: r.cust_name,
      email: r.email,
      mobile: null,
      rawStatus: r.cust_status,
      status: codeMaps.crmStatus(r.cust_status),
      vipLevel: r.vip_level,
      changedAt: null,
    };
    crm.set(fact.custId, fact);
    const email = normalizeEmail(r.email);
    if (email) holders.set(email, (holders.get(email) ?? 0) + 1);
  }
  const byEmail = new Map<string, string>();
  for (const c of crm.values()) {
    const email = normalizeEmail(c.email);
    if (email && holders.get(email) === 1) byEmail.set(email, c.custId);
  }
  const dir: CustomerDirectory = { has: (id) => crm.has(id), byEmail: (e) => byEmail.get(e) ?? null };

  const accounts = new Map<string, BillingAccountFact[]>();
  for (const a of rows.accounts) {
    const fact: BillingAccountFact = {
      accountNo: a.account_no,
      crmRef: a.crm_ref,
      contactEmail: a.contact_email,
      rawState: a.acct_state,
      state: codeMaps.billingState(a.acct_state),
      balance: a.balance,
      changedAt: null,
    };
    const owner = ownerOfAccount(fact, dir);
    if (owner) push(accounts, owner, fact);
  }
  const orders = new Map<string, OrderFact[]>();
  for (const o of rows.orders) {
    const fact: OrderFact = {
      orderNo: o.order_no,
      buyerCode: o.buyer_code,
      rawState: o.state,
      status: codeMaps.orderStatus(o.state),
      totalFen: BigInt(o.total_fen),
      placedAt: o.placed_at,
      changedAt: null,
    };
    const owner = ownerOfOrder(fact, dir);
    if (owner) push(orders, owner, fact);
  }

  const out = new Map<string, ExpectedCustomer>();
  for (const c of crm.values()) {
    const accts = accounts.get(c.custId) ?? [];
    const ords = orders.get(c.custId) ?? [];
    const summary = summarizeOrders(ords);
    out.set(c.custId, {
      name: c.name,
      vipLevel: c.vipLevel,
      status: deriveStatus({ crm: c, accounts: accts, orders: ords }).value,
      accountNos: accts.map((a) => a.accountNo).sort(),
      orderNos: ords.map((o) => o.orderNo).sort(),
      openOrders: summary.openOrders,
      lifetimeSpendFen: summary.lifetimeSpendFen.toString(),
    });
  }
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
