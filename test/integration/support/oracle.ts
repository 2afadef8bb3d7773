/**
 * The expected view computed straight from the legacy tables by SQL, independently of src/domain:
 * the convergence check compares the whole view with it.
 */
import type { Db } from 'mongodb';
import type { CustomerDoc } from '../../../src/store/customer-doc';
import { sql } from './legacy-db';

export interface OracleCustomer {
  status: string;
  accountNos: string[];
  orderNos: string[];
  openOrders: number;
  lifetimeSpendFen: string;
}

const OPEN_ORDER = [10, 11, 20, 30, 31, 40, 80];
const SPEND = [20, 30, 31, 40, 50];
const PURCHASED = [20, 30, 31, 40, 50];

export async function oracleView(
  dbs = { crm: 'crm', billing: 'billing', oms: 'oms' },
): Promise<Record<string, OracleCustomer>> {
  const customers = (await sql(
    'crm',
    dbs.crm,
    'SELECT CAST(cust_id AS CHAR) AS id, cust_status, LOWER(TRIM(email)) AS email FROM customers',
  )) as {
    id: string;
    cust_status: string;
    email: string | null;
  }[];
  const accounts = (await sql(
    'billing',
    dbs.billing,
    'SELECT account_no, TRIM(crm_ref) AS crm_ref, LOWER(TRIM(contact_email)) AS email, acct_state FROM accounts',
  )) as { account_no: string; crm_ref: string | null; email: string; acct_state: string }[];
  const orders = (await sql(
    'oms',
    dbs.oms,
    "SELECT order_no, substr(buyer_code, 2) AS cust, state, total_fen::text AS total FROM orders WHERE buyer_code ~ '^C[0-9]+$'",
  )) as {
    order_no: string;
    cust: string;
    state: number;
    total: string;
  }[];
  const ids = new Set(customers.map((c) => c.id));
  const emailCount = new Map<string, number>();
  for (const c of customers) if (c.email) emailCount.set(c.email, (emailCount.get(c.email) ?? 0) + 1);
  const out: Record<string, OracleCustomer> = {};
  for (const c of customers) {
    const accts = accounts.filter((a) =>
      a.crm_ref
        ? a.crm_ref === c.id && ids.has(a.crm_ref)
        : !!c.email && a.email === c.email && emailCount.get(c.email) === 1,
    );
    const ords = orders.filter((o) => String(Number(o.cust)) === c.id);
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
