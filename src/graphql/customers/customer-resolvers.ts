import type { Collection } from 'mongodb';
import { CUSTOMERS, type CustomerDoc } from '../../store/customer-doc';
import { seesContactDetails } from '../auth/principal';
import { maskEmail, maskPhone } from '../auth/mask';
import type { GraphqlContext } from '../context';
import { connection, encodeCursor, readPage, type PageArgs } from '../cursor';
import { customerKey, toGlobalId } from '../global-id';
import { fromMinorUnits } from '../money';
import { ORDER_CURSOR, orderCursor } from '../orders/order-loaders';
import { BigIntScalar, DateTimeScalar } from '../scalars';
import { billingAccountNode } from './billing-account';
import { countCustomers } from './customer-count';
import { CUSTOMER_PROJECTION } from './customer-loaders';
import { customerQuery, type CustomerFilterInput } from './customer-filter';

export const CUSTOMER_CURSOR = { kind: 'customer', shape: ['string'] } as const;
export const DEFAULT_PAGE_SIZE = 20;

type Ctx = GraphqlContext;

async function customerPage(args: PageArgs & { filter?: CustomerFilterInput | null }, ctx: Ctx) {
  const page = readPage(args, CUSTOMER_CURSOR, DEFAULT_PAGE_SIZE, ctx.services.maxPageSize);
  const customers: Collection<CustomerDoc> = ctx.services.db.collection<CustomerDoc>(CUSTOMERS);
  const range = {
    after: page.after ? String(page.after[0]) : null,
    before: page.before ? String(page.before[0]) : null,
  };
  // Id order is the one order no write can change, so pages neither repeat nor skip while the
  // view is rewritten; every filter narrows an index range. Backward pages walk it the other way.
  const docs = await customers
    .find(customerQuery(args.filter, range), { projection: CUSTOMER_PROJECTION })
    .sort({ _id: page.backward ? -1 : 1 })
    .limit(page.size + 1)
    .toArray();
  for (const d of docs) ctx.loaders.customerById.prime(d._id, d);
  let count: ReturnType<typeof countCustomers> | null = null;
  return {
    ...connection(docs, page, (d) => encodeCursor(CUSTOMER_CURSOR.kind, [d._id])),
    // Counted only when asked for, and once for totalCount and totalCountExact together.
    count: () => (count ??= countCustomers(customers, customerQuery(args.filter), ctx.services.maxCount)),
  };
}

async function customerByRef(_: unknown, args: { system: string; key: string }, ctx: Ctx) {
  const key = args.key.trim();
  if (args.system === 'CRM') return ctx.loaders.customerById.load(key);
  if (args.system === 'BILLING') return ctx.loaders.customerByAccountNo.load(key);
  const order = await ctx.loaders.orderByNo.load(key);
  return order?.custId ? ctx.loaders.customerById.load(order.custId) : null;
}

type CountedConnection = { count(): Promise<{ n: number; exact: boolean }> };

export const customerResolvers = {
  BigInt: BigIntScalar,
  DateTime: DateTimeScalar,
  Query: {
    customer: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.customerById.load(customerKey(args.id)),
    customerByRef,
    customers: (_: unknown, args: Parameters<typeof customerPage>[0], ctx: Ctx) => customerPage(args, ctx),
  },
  CustomerConnection: {
    totalCount: async (c: CountedConnection) => (await c.count()).n,
    totalCountExact: async (c: CountedConnection) => (await c.count()).exact,
  },
  Customer: {
    id: (c: CustomerDoc) => toGlobalId('Customer', c._id),
    crmId: (c: CustomerDoc) => c.crmId ?? c._id,
    email: (c: CustomerDoc, _: unknown, ctx: Ctx) =>
      seesContactDetails(ctx.principal) ? c.email : maskEmail(c.email),
    phone: (c: CustomerDoc, _: unknown, ctx: Ctx) =>
      seesContactDetails(ctx.principal) ? c.phone : maskPhone(c.phone),
    status: (c: CustomerDoc) => ({ ...c.status, explanation: c.status.evidence }),
    billingAccounts: (c: CustomerDoc) => (c.accounts ?? []).map((a) => billingAccountNode(a, c)),
    lifetimeSpend: (c: CustomerDoc) => fromMinorUnits(c.lifetimeSpendFen),
    lifetimeSpendFen: (c: CustomerDoc) => BigInt(c.lifetimeSpendFen),
    orders: async (c: CustomerDoc, args: PageArgs & { status?: string[] | null }, ctx: Ctx) => {
      const page = readPage(args, ORDER_CURSOR, DEFAULT_PAGE_SIZE, ctx.services.maxPageSize);
      const status = args.status ?? null;
      const docs = await ctx.loaders.ordersOfCustomer.load({
        custId: c._id,
        limit: page.size + 1,
        backward: page.backward,
        after: page.after,
        before: page.before,
        status,
      });
      return {
        ...connection(docs, page, orderCursor),
        // The document lists its orders, so the unfiltered count is free.
        count: () =>
          status
            ? ctx.loaders.orderCountOfCustomer.load({ custId: c._id, status })
            : Promise.resolve((c.orderNos ?? []).length),
      };
    },
  },
  OrderConnection: {
    totalCount: (c: { count(): Promise<number> }) => c.count(),
  },
};
