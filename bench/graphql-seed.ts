/**
 * A synthetic view for the API's benchmark and tests: customers (with embedded billing accounts)
 * and their orders, in the shapes the processors write (src/store), inserted directly.
 */
import type { Db } from 'mongodb';
import { CUSTOMER_STATUSES } from '../src/domain/status-rules';
import { CUSTOMERS, type CustomerDoc } from '../src/store/customer-doc';
import { ORDERS, type OrderDoc } from '../src/store/order-docs';
import { createStore } from '../src/store/create-store';

export interface SeedOptions {
  customers: number;
  ordersPerCustomer: number;
  /** Customer ids are `${idPrefix}${n}` zero-padded, so they sort as they are numbered. Default 'S'. */
  idPrefix?: string;
}

const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
const T0 = Date.UTC(2026, 0, 1);

export const seedCustomerId = (n: number, prefix = 'S') => `${prefix}${String(n).padStart(6, '0')}`;

export function seedCustomer(n: number, prefix = 'S'): CustomerDoc {
  const id = seedCustomerId(n, prefix);
  const status = CUSTOMER_STATUSES[n % CUSTOMER_STATUSES.length] as string;
  const at = new Date(T0 + n * 60_000);
  const accounts = Array.from({ length: 1 + (n % 2) }, (_, i) => ({
    accountNo: `BA${String(n).padStart(6, '0')}${i}`,
    state: i === 0 ? 'OPEN' : 'GRACE',
    rawState: i === 0 ? 'OPEN' : 'GRACE',
    balance: `${n}.${String(i).padStart(2, '0')}`,
    updatedAt: at,
  }));
  return {
    _id: id,
    crmId: id,
    name: `Name ${String(n).padStart(6, '0')}`,
    nameLower: `name ${String(n).padStart(6, '0')}`,
    email: ` User${n}@Example.CN `,
    emailNorm: `user${n}@example.cn`,
    phone: `138${String(n).padStart(8, '0')}`,
    vipLevel: n % 6,
    status: {
      value: status,
      rule: `seeded ${status}`,
      since: at,
      evidence: [{ system: 'CRM', key: id, rawValue: 'A', meaning: 'ACTIVE', changedAt: at }],
    },
    accountNos: accounts.map((a) => a.accountNo),
    accounts,
    orderNos: [],
    openOrders: n % 3,
    lifetimeSpendFen: String(BigInt(n) * 1_000_000_000_000n),
    lastOrderAt: at,
    asOf: at,
    codeMapsVersion: 1,
    updatedAt: at,
    rev: 1,
    pendingEvents: [],
  };
}

export function seedOrder(custN: number, i: number, prefix = 'S'): OrderDoc {
  const custId = seedCustomerId(custN, prefix);
  const orderNo = `SO${prefix}${String(custN).padStart(6, '0')}${String(i).padStart(3, '0')}`;
  const placedAt = new Date(T0 + custN * 60_000 + i * 3_600_000);
  // Asserted rather than annotated: the order shape is still growing (omsId) in the store.
  return {
    _id: orderNo,
    orderNo,
    omsId: `${custN * 1000 + i}`,
    custId,
    buyerCode: `C${custN}`,
    status: ORDER_STATUSES[i % ORDER_STATUSES.length] as string,
    rawState: 10 + i,
    totalFen: String(1000 + i),
    placedAt,
    updatedAt: placedAt,
    pos: '0',
    sourceTsMs: placedAt.getTime(),
  } as OrderDoc;
}

export async function seedView(db: Db, opts: SeedOptions): Promise<void> {
  const prefix = opts.idPrefix ?? 'S';
  await createStore({ db, codeMapsVersion: 0 }).ensureIndexes();
  const customers = Array.from({ length: opts.customers }, (_, i) => seedCustomer(i + 1, prefix));
  for (const c of customers)
    c.orderNos = Array.from(
      { length: opts.ordersPerCustomer },
      (_, i) => seedOrder(Number(c._id.slice(prefix.length)), i, prefix).orderNo,
    );
  for (let i = 0; i < customers.length; i += 1000)
    await db.collection<CustomerDoc>(CUSTOMERS).insertMany(customers.slice(i, i + 1000));
  const orders = customers.flatMap((_, n) =>
    Array.from({ length: opts.ordersPerCustomer }, (__, i) => seedOrder(n + 1, i, prefix)),
  );
  for (let i = 0; i < orders.length; i += 1000)
    await db.collection<OrderDoc>(ORDERS).insertMany(orders.slice(i, i + 1000));
}
