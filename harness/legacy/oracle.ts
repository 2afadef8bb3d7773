/**
 * The expected view computed straight from the legacy tables by SQL, independently of src/domain:
 * convergence checks (tests, benchmarks) compare the whole view with it. The rules are restated
 * here from the legacy specification on purpose, so a bug in src/domain cannot hide in both.
 */
import type { Db } from 'mongodb';
import type { CustomerDoc } from '../../src/store/customer-doc';
import type { Sql } from './legacy-db';

export interface OracleCustomer {
  status: string;
  accountNos: string[];
  orderNos: string[];
  openOrders: number;
  lifetimeSpendFen: string;
}

export interface OracleRows {
  /** email lower-cased and trimmed by SQL. */
  customers: { id: string; cust_status: string; email: string | null }[];
  /** crm_ref trimmed, email lower-cased and trimmed by SQL. */
  accounts: { account_no: string; crm_ref: string | null; email: string; acct_state: string }[];
  /** Orders whose buyer code is 'C' + digits; `cust` is the digits. */
  orders: { order_no: string; cust: string; state: number; total: string }[];
}

const OPEN_ORDER = [10, 11, 20, 30, 31, 40, 80];
const SPEND = [20, 30, 31, 40, 50];
const PURCHASED = [20, 30, 31, 40, 50];

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The oracle over rows already read; linear in the rows (maps, not a scan per customer). */
export function computeOracle({ customers, accounts, orders }: OracleRows): Record<string, OracleCustomer> {
  const ids = new Set(customers.map((c) => c.id));
  const emailCount = new Map<string, number>();
  for (const c of customers) if (c.email) emailCount.set(c.email, (emailCount.get(c.email) ?? 0) + 1);
  // An account links by crm_ref when it has one (to an existing customer), else by a unique email.
  const byRef = new Map<string, OracleRows['accounts']>();
  const byEmail = new Map<string, OracleRows['accounts']>();
  for (const a of accounts) {
    if (a.crm_ref) {
      if (ids.has(a.crm_ref)) push(byRef, a.crm_ref, a);
    } else push(byEmail, a.email, a);
  }
  const byBuyer = new Map<string, OracleRows['orders']>();
  for (const o of orders) push(byBuyer, String(Number(o.cust)), o);

  const out: Record<string, OracleCustomer> = {};
  for (const c of customers) {
    const accts = [
      ...(byRef.get(c.id) ?? []),
      ...(c.email && emailCount.get(c.email) === 1 ? (byEmail.get(c.email) ?? []) : []),
    ];
    const ords = byBuyer.get(c.id) ?? [];
    const states = accts.map((a) => a.acct_state);
    const status =
      c.cust_status === 'F'
        ? 'BLOCKED'
        : c.cust_status === 'X'
          ? 'CLOSED'
          : states.some((s) => s === 'SUSPENDED' || s === 'WRITTEN_OFF')
            ? 'SUSPENDED'
            : states.some((s) => s === 'GRACE' || s === 'DUNNING')
              ? 'DELINQUENT'
              : c.cust_status === 'A' ||
                  (c.cust_status === 'P' && ords.some((o) => PURCHASED.includes(o.state)))
                ? 'ACTIVE'
                : c.cust_status === 'I'
                  ? 'INACTIVE'
                  : c.cust_status === 'P'
                    ? 'PROSPECT'
                    : 'UNKNOWN';
    out[c.id] = {
      status,
      accountNos: accts.map((a) => a.account_no).sort(),
      orderNos: ords.map((o) => o.order_no).sort(),
      openOrders: ords.filter((o) => OPEN_ORDER.includes(o.state)).length,
      lifetimeSpendFen: ords
        .filter((o) => SPEND.includes(o.state))
        .reduce((s, o) => s + BigInt(o.total), 0n)
        .toString(),
    };
  }
  return out;
}

/** Reads the three legacy tables and computes the oracle. */
export async function readOracleRows(
  sql: Sql,
  dbs = { crm: 'crm', billing: 'billing', oms: 'oms' },
): Promise<OracleRows> {
  const [customers, accounts, orders] = await Promise.all([
    sql(
      'crm',
      dbs.crm,
      'SELECT CAST(cust_id AS CHAR) AS id, cust_status, LOWER(TRIM(email)) AS email FROM customers',
    ),
    sql(
      'billing',
      dbs.billing,
      'SELECT account_no, TRIM(crm_ref) AS crm_ref, LOWER(TRIM(contact_email)) AS email, acct_state FROM accounts',
    ),
    sql(
      'oms',
      dbs.oms,
      "SELECT order_no, substr(buyer_code, 2) AS cust, state, total_fen::text AS total FROM orders WHERE buyer_code ~ '^C[0-9]+$'",
    ),
  ]);
  return {
    customers: customers as OracleRows['customers'],
    accounts: accounts as OracleRows['accounts'],
    orders: orders as OracleRows['orders'],
  };
}

export async function oracleView(
  sql: Sql,
  dbs = { crm: 'crm', billing: 'billing', oms: 'oms' },
): Promise<Record<string, OracleCustomer>> {
  return computeOracle(await readOracleRows(sql, dbs));
}

/** The view's customers in the oracle's shape, for a whole-view comparison. */
export async function viewAsOracle(db: Db): Promise<Record<string, OracleCustomer>> {
  const docs = await db.collection<CustomerDoc>('customers').find().toArray();
  return Object.fromEntries(
    docs.map((d) => [
      d._id,
      {
        status: d.status.value,
        accountNos: d.accountNos,
        orderNos: d.orderNos,
        openOrders: d.openOrders,
        lifetimeSpendFen: d.lifetimeSpendFen,
      },
    ]),
  );
}
