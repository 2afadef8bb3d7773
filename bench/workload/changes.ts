/**
 * The statements of the generated workload: multi-row INSERTs for the initial load, and one-row
 * changes (updates of statuses, states and emails, deletes, new rows) for churn and steady load.
 * Each change is applied to the model as it is drawn, so the next one sees it. Pure but for the model.
 */
import type { LegacySystem } from '../../harness/legacy/legacy-db';
import type { WorkloadModel } from './model';
import type { Rng } from './random';
import {
  BILLING_STATE_WEIGHTS,
  CRM_STATUS_WEIGHTS,
  ORDER_STATE_WEIGHTS,
  accountRow,
  canonicalEmail,
  customerRow,
  customerShape,
  orderRow,
  orphanAccountRow,
  shanghaiLocal,
  untidy,
  type AccountRow,
  type CustomerRow,
  type OrderRow,
} from './rows';

export interface Statement {
  system: LegacySystem;
  text: string;
  params: unknown[];
  /** Source rows this statement changes (each a Debezium change event; a delete adds a tombstone). */
  rows: number;
  /** Rows it deletes. */
  deletes: number;
}

export const CHANGE_KINDS = [
  'crm-status',
  'crm-email',
  'billing-state',
  'oms-state',
  'order-new',
  'customer-new',
  'order-delete',
  'account-delete',
  'customer-delete',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeMix = readonly (readonly [ChangeKind, number])[];

/** Churn after the initial load: mostly status and state moves, some new rows, a few deletes. */
export const CHURN_MIX: ChangeMix = [
  ['crm-status', 22],
  ['crm-email', 5],
  ['billing-state', 20],
  ['oms-state', 30],
  ['order-new', 10],
  ['customer-new', 5],
  ['order-delete', 4],
  ['account-delete', 2],
  ['customer-delete', 2],
];
/** Steady load while freshness is sampled: the same without CRM deletes, so sampled customers stay. */
export const STEADY_MIX: ChangeMix = CHURN_MIX.filter(([k]) => k !== 'customer-delete');

const CUSTOMER_COLS = [
  'cust_id',
  'cust_name',
  'email',
  'mobile',
  'cust_status',
  'vip_level',
  'created_at',
  'modified_at',
] as const;
const ACCOUNT_COLS = [
  'account_no',
  'crm_ref',
  'contact_email',
  'acct_state',
  'balance',
  'updated_at',
] as const;
const ORDER_COLS = ['id', 'order_no', 'buyer_code', 'state', 'total_fen', 'placed_at', 'updated_at'] as const;

function insert<R>(system: LegacySystem, table: string, cols: readonly (keyof R)[], rows: R[]): Statement {
  let n = 0;
  const ph = () => (system === 'crm' ? '?' : `$${++n}`);
  const values = rows.map(() => `(${cols.map(ph).join(',')})`).join(',');
  return {
    system,
    text: `INSERT INTO ${table} (${cols.join(',')}) VALUES ${values}`,
    params: rows.flatMap((r) => cols.map((c) => r[c])),
    rows: rows.length,
    deletes: 0,
  };
}

export const insertCustomers = (rows: CustomerRow[]) => insert('crm', 'customers', CUSTOMER_COLS, rows);
export const insertAccounts = (rows: AccountRow[]) => insert('billing', 'accounts', ACCOUNT_COLS, rows);
export const insertOrders = (rows: OrderRow[]) => insert('oms', 'orders', ORDER_COLS, rows);

export interface InitialRows {
  customers: CustomerRow[];
  accounts: AccountRow[];
  orders: OrderRow[];
}

/** `count` customers with their accounts and orders, plus ~1% orphan accounts and ~2% orphan orders. */
export function initialRows(model: WorkloadModel, count: number, rng: Rng): InitialRows {
  const out: InitialRows = { customers: [], accounts: [], orders: [] };
  for (let i = 0; i < count; i++) {
    const c = newCustomer(model, rng);
    out.customers.push(c);
    const shape = customerShape(rng);
    for (let a = 0; a < shape.accounts; a++) out.accounts.push(newAccount(model, c, rng));
    for (let o = 0; o < shape.orders; o++) out.orders.push(newOrder(model, `C${c.cust_id}`, rng));
    if (rng.chance(0.01)) out.accounts.push(addAccount(model, orphanAccountRow(model.next.account++, rng)));
    if (rng.chance(0.02)) out.orders.push(newOrder(model, `C${model.next.orphanBuyer++}`, rng));
  }
  return out;
}

function newCustomer(model: WorkloadModel, rng: Rng): CustomerRow {
  const c = customerRow(model.next.custId++, rng);
  model.customers.set(c.cust_id, c);
  return c;
}
function addAccount(model: WorkloadModel, a: AccountRow): AccountRow {
  model.accounts.set(a.account_no, a);
  return a;
}
function newAccount(model: WorkloadModel, c: CustomerRow, rng: Rng): AccountRow {
  return addAccount(model, accountRow(model.next.account++, c, rng));
}
function newOrder(model: WorkloadModel, buyer: string, rng: Rng): OrderRow {
  const o = orderRow(model.next.orderId++, buyer, rng);
  model.orders.set(o.id, o);
  return o;
}

/** A drawn value other than `current`, or undefined if 20 draws found none (the change is skipped). */
function other<T>(current: T, draw: () => T): T | undefined {
  for (let i = 0; i < 20; i++) {
    const v = draw();
    if (v !== current) return v;
  }
  return undefined;
}

const nowLocal = () => shanghaiLocal(Date.now());
const one = (system: LegacySystem, text: string, params: unknown[], deletes = 0): Statement => ({
  system,
  text,
  params,
  rows: 1,
  deletes,
});

/** Renames a customer: the freshness probe's marker, one CRM row change. */
export function renameCustomer(model: WorkloadModel, custId: number, name: string): Statement {
  const c = model.customers.get(custId);
  if (c) model.customers.set(custId, { ...c, cust_name: name });
  return one('crm', 'UPDATE customers SET cust_name = ? WHERE cust_id = ?', [name, custId]);
}

/**
 * Draws one change of `mix`, applies it to the model and returns its statements (one, or two for a
 * new customer with an account). A kind with nothing to act on falls back to a new order.
 */
export function nextChange(model: WorkloadModel, rng: Rng, mix: ChangeMix = CHURN_MIX): Statement[] {
  const kind = rng.weighted(mix);
  switch (kind) {
    case 'crm-status': {
      const hit = model.customers.random(rng);
      if (!hit) break;
      const [id, c] = hit;
      const code = other(c.cust_status, () => rng.weighted(CRM_STATUS_WEIGHTS));
      if (code === undefined) break;
      model.customers.set(id, { ...c, cust_status: code });
      return [
        one('crm', 'UPDATE customers SET cust_status = ?, modified_at = ? WHERE cust_id = ?', [
          code,
          nowLocal(),
          id,
        ]),
      ];
    }
    case 'crm-email': {
      const hit = model.customers.random(rng);
      if (!hit) break;
      const [id, c] = hit;
      // A correction (case, padding), a removal, or an address given back.
      const email = other(c.email, () =>
        c.email !== null && rng.chance(0.3) ? null : untidy(canonicalEmail(c.cust_name, id), rng),
      );
      if (email === undefined) break;
      model.customers.set(id, { ...c, email });
      return [
        one('crm', 'UPDATE customers SET email = ?, modified_at = ? WHERE cust_id = ?', [
          email,
          nowLocal(),
          id,
        ]),
      ];
    }
    case 'billing-state': {
      const hit = model.accounts.random(rng);
      if (!hit) break;
      const [no, a] = hit;
      const state = other(a.acct_state, () => rng.weighted(BILLING_STATE_WEIGHTS));
      if (state === undefined) break;
      model.accounts.set(no, { ...a, acct_state: state });
      return [
        one('billing', 'UPDATE accounts SET acct_state = $1, updated_at = now() WHERE account_no = $2', [
          state,
          no,
        ]),
      ];
    }
    case 'oms-state': {
      const hit = model.orders.random(rng);
      if (!hit) break;
      const [id, o] = hit;
      const state = other(o.state, () => rng.weighted(ORDER_STATE_WEIGHTS));
      if (state === undefined) break;
      model.orders.set(id, { ...o, state });
      return [
        one('oms', 'UPDATE orders SET state = $1, updated_at = $2 WHERE id = $3', [state, nowLocal(), id]),
      ];
    }
    case 'customer-new': {
      const c = newCustomer(model, rng);
      return [insertCustomers([c]), insertAccounts([newAccount(model, c, rng)])];
    }
    case 'order-delete': {
      const hit = model.orders.random(rng);
      if (!hit) break;
      model.orders.delete(hit[0]);
      return [one('oms', 'DELETE FROM orders WHERE id = $1', [hit[0]], 1)];
    }
    case 'account-delete': {
      const hit = model.accounts.random(rng);
      if (!hit) break;
      model.accounts.delete(hit[0]);
      return [one('billing', 'DELETE FROM accounts WHERE account_no = $1', [hit[0]], 1)];
    }
    case 'customer-delete': {
      const hit = model.customers.random(rng);
      if (!hit) break;
      model.customers.delete(hit[0]);
      return [one('crm', 'DELETE FROM customers WHERE cust_id = ?', [hit[0]], 1)];
    }
    case 'order-new':
      break;
  }
  const buyer = model.customers.random(rng);
  const code = buyer && !rng.chance(0.02) ? `C${buyer[0]}` : `C${model.next.orphanBuyer++}`;
  return [insertOrders([newOrder(model, code, rng)])];
}
