/**
 * Row shapes of the three legacy tables, exactly as demo/legacy/*.sql and the legacy specification
 * define them: CRM customers with cust_status codes, vip 0-3 and untidy emails (NULL, mixed case,
 * padded); billing accounts linked by crm_ref or, for accounts migrated in 2016, by contact_email
 * with crm_ref NULL; OMS orders with buyer_code 'C' + cust_id and the OMS state codes, some buyer
 * codes matching nobody. Pure: a seeded Rng in, rows out.
 */
import type { Rng } from './random';

export const CRM_CODES = ['P', 'A', 'I', 'F', 'X'] as const;
export type CrmCode = (typeof CRM_CODES)[number];
export const BILLING_STATES = ['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'WRITTEN_OFF', 'CLOSED'] as const;
export type BillingState = (typeof BILLING_STATES)[number];
/** The OMS codes of the legacy specification; 45 is the sample data's unknown code. */
export const ORDER_STATES = [10, 11, 20, 30, 31, 40, 50, 70, 80, 90] as const;
export const UNKNOWN_ORDER_STATE = 45;

/** Weights seen in a CRM of this age: most customers active, few frozen. */
export const CRM_STATUS_WEIGHTS: readonly (readonly [CrmCode, number])[] = [
  ['A', 50],
  ['P', 20],
  ['I', 20],
  ['F', 3],
  ['X', 7],
];
export const BILLING_STATE_WEIGHTS: readonly (readonly [BillingState, number])[] = [
  ['OPEN', 75],
  ['GRACE', 8],
  ['DUNNING', 6],
  ['SUSPENDED', 3],
  ['WRITTEN_OFF', 2],
  ['CLOSED', 6],
];
export const ORDER_STATE_WEIGHTS: readonly (readonly [number, number])[] = [
  [10, 5],
  [11, 2],
  [20, 10],
  [30, 5],
  [31, 3],
  [40, 10],
  [50, 47],
  [70, 8],
  [80, 2],
  [90, 5],
];

export interface CustomerRow {
  cust_id: number;
  cust_name: string;
  email: string | null;
  mobile: string | null;
  cust_status: CrmCode;
  vip_level: number;
  /** Asia/Shanghai local time, 'YYYY-MM-DD HH:MM:SS'. */
  created_at: string;
  modified_at: string;
}

export interface AccountRow {
  account_no: string;
  crm_ref: string | null;
  contact_email: string;
  acct_state: BillingState;
  /** numeric(12,2) as text. */
  balance: string;
  /** timestamptz, ISO-8601 UTC. */
  updated_at: string;
}

export interface OrderRow {
  id: number;
  order_no: string;
  buyer_code: string;
  state: number;
  total_fen: number;
  /** Asia/Shanghai local time. */
  placed_at: string;
  updated_at: string;
}

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'];
const GIVEN = ['Wei', 'Na', 'Fang', 'Yang', 'Jing', 'Min', 'Lei', 'Li', 'Jie', 'Xia', 'Qiang', 'Yan', 'Hui'];

/** 'YYYY-MM-DD HH:MM:SS' of an instant, in UTC+8 (Asia/Shanghai has no DST). */
export function shanghaiLocal(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 10, 28);

/** The canonical address of a customer: what billing stores (trimmed, lower case). */
export function canonicalEmail(name: string, id: number): string {
  return `${name.toLowerCase().replace(/\s+/g, '.')}.${id}@example.cn`;
}

/** How CRM stored an address typed by an agent: sometimes mixed case or padded, never normalised. */
export function untidy(email: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.1) return email.replace(/(^|\.)([a-z])/g, (_m, dot: string, c: string) => dot + c.toUpperCase());
  if (r < 0.15) return ` ${email} `;
  if (r < 0.17) return email.toUpperCase();
  return email;
}

export function customerRow(id: number, rng: Rng): CustomerRow {
  const name = `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`;
  const created = EPOCH - rng.int(1, 12 * 365) * DAY + rng.int(0, DAY - 1);
  return {
    cust_id: id,
    cust_name: name,
    email: rng.chance(0.08) ? null : untidy(canonicalEmail(name, id), rng),
    mobile: rng.chance(0.15) ? null : `138${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    cust_status: rng.weighted(CRM_STATUS_WEIGHTS),
    vip_level: rng.weighted([
      [0, 70],
      [1, 20],
      [2, 8],
      [3, 2],
    ] as const),
    created_at: shanghaiLocal(created),
    modified_at: shanghaiLocal(created + rng.int(0, (EPOCH - created) / 1000) * 1000),
  };
}

export function accountNo(n: number): string {
  return `BA${String(n).padStart(8, '0')}`;
}

/**
 * An account of customer `c`. Migrated (2016) accounts carry no crm_ref and link by email, so only a
 * customer with an email can have one; its contact_email is the tidy form of the CRM address.
 */
export function accountRow(n: number, c: CustomerRow, rng: Rng): AccountRow {
  const migrated = c.email !== null && rng.chance(0.15);
  const state = rng.weighted(BILLING_STATE_WEIGHTS);
  return {
    account_no: accountNo(n),
    crm_ref: migrated ? null : String(c.cust_id),
    contact_email: c.email?.trim().toLowerCase() ?? canonicalEmail(c.cust_name, c.cust_id),
    acct_state: state,
    balance: state === 'OPEN' || state === 'CLOSED' ? '0.00' : `${rng.int(1, 999_999)}.${rng.int(10, 99)}`,
    updated_at: new Date(EPOCH - rng.int(0, 400) * DAY).toISOString(),
  };
}

/** An account nobody in CRM owns (migrated, with an address CRM does not know). */
export function orphanAccountRow(n: number, rng: Rng): AccountRow {
  return {
    account_no: accountNo(n),
    crm_ref: null,
    contact_email: `former.customer.${n}@example.cn`,
    acct_state: rng.weighted(BILLING_STATE_WEIGHTS),
    balance: '0.00',
    updated_at: new Date(EPOCH - rng.int(0, 4000) * DAY).toISOString(),
  };
}

export function orderNo(id: number): string {
  return `SO${String(id).padStart(10, '0')}`;
}

/** An order of `buyerCode` ('C' + cust_id; a code matching nobody for orphans). */
export function orderRow(id: number, buyerCode: string, rng: Rng): OrderRow {
  const placed = EPOCH - rng.int(0, 3 * 365) * DAY + rng.int(0, DAY - 1);
  return {
    id,
    order_no: orderNo(id),
    buyer_code: buyerCode,
    // A rare code no map knows: kept raw, UNKNOWN, reported (as in the sample data).
    state: rng.chance(0.001) ? UNKNOWN_ORDER_STATE : rng.weighted(ORDER_STATE_WEIGHTS),
    total_fen: rng.int(100, 2_000_000),
    placed_at: shanghaiLocal(placed),
    updated_at: shanghaiLocal(placed + rng.int(0, 20 * DAY)),
  };
}

/** How many accounts and orders a customer has: most one account, a long tail of orders. */
export function customerShape(rng: Rng): { accounts: number; orders: number } {
  return {
    accounts: rng.weighted([
      [0, 15],
      [1, 60],
      [2, 20],
      [3, 5],
    ] as const),
    orders: rng.weighted([
      [0, 20],
      [1, 25],
      [2, 20],
      [3, 15],
      [4, 10],
      [6, 7],
      [10, 3],
    ] as const),
  };
}
