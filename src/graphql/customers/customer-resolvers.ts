import type { Collection } from 'mongodb';
import { CUSTOMERS, type CustomerDoc } from '../../store/customer-doc';
import { seesContactDetails } from '../auth/principal';
import { maskEmail, maskPhone } from '../auth/mask';
import type { GraphqlContext } from '../context';
import { connection, decodeCursor, encodeCursor, pageSize } from '../cursor';
import { ORDER_CURSOR, orderCursor } from '../orders/order-loaders';
import { BigIntScalar, DateTimeScalar } from '../scalars';
import { CUSTOMER_PROJECTION } from './customer-loaders';
import { customerQuery, type CustomerFilterInput } from './customer-filter';

export const CUSTOMER_CURSOR = 'customer';
export const DEFAULT_PAGE_SIZE = 20;

type Ctx = GraphqlContext;

async function customerPage(
  args: { filter?: CustomerFilterInput | null; first?: number | null; after?: string | null },
  ctx: Ctx,
) {
  const size = pageSize(args.first, DEFAULT_PAGE_SIZE, ctx.services.maxPageSize);
  const afterId = args.after ? String(decodeCursor(CUSTOMER_CURSOR, args.after, ['string'])[0]) : null;
  const customers: Collection<CustomerDoc> = ctx.services.db.collection<CustomerDoc>(CUSTOMERS);
  // Id order is the one order no write can change, so pages neither repeat nor skip while the
  // view is rewritten; every filter narrows an index range.
  const docs = await customers
    .find(customerQuery(args.filter, afterId), { projection: CUSTOMER_PROJECTION })
    .sort({ _id: 1 })
    .limit(size + 1)
    .toArray();
  for (const d of docs) ctx.loaders.customerById.prime(d._id, d);
  return connection(docs, size, args.after, (d) => encodeCursor(CUSTOMER_CURSOR, [d._id]));
}

async function customerByRef(_: unknown, args: { system: string; key: string }, ctx: Ctx) {
  const key = args.key.trim();
  if (args.system === 'CRM') return ctx.loaders.customerById.load(key);
  if (args.system === 'BILLING') return ctx.loaders.customerByAccountNo.load(key);
  const order = await ctx.loaders.orderByNo.load(key);
  return order?.custId ? ctx.loaders.customerById.load(order.custId) : null;
}

export const customerResolvers = {
  BigInt: BigIntScalar,
  DateTime: DateTimeScalar,
  Query: {
    customer: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.customerById.load(args.id),
    customerByRef,
    customers: (_: unknown, args: Parameters<typeof customerPage>[0], ctx: Ctx) => customerPage(args, ctx),
  },
  Customer: {
    id: (c: CustomerDoc) => c._id,
    email: (c: CustomerDoc, _: unknown, ctx: Ctx) =>
      seesContactDetails(ctx.principal) ? c.email : maskEmail(c.email),
    phone: (c: CustomerDoc, _: unknown, ctx: Ctx) =>
      seesContactDetails(ctx.principal) ? c.phone : maskPhone(c.phone),
    status: (c: CustomerDoc) => ({ ...c.status, explanation: c.status.evidence }),
    billingAccounts: (c: CustomerDoc) =>
      (c.accounts ?? []).map((a) => ({ ...a, updatedAt: a.updatedAt ?? c.asOf })),
    lifetimeSpendFen: (c: CustomerDoc) => BigInt(c.lifetimeSpendFen),
    orders: async (
      c: CustomerDoc,
      args: { first?: number | null; after?: string | null; status?: string[] | null },
      ctx: Ctx,
    ) => {
      const size = pageSize(args.first, DEFAULT_PAGE_SIZE, ctx.services.maxPageSize);
      const after = args.after ? decodeCursor(ORDER_CURSOR, args.after, ['number', 'string']) : null;
      const docs = await ctx.loaders.ordersOfCustomer.load({
        custId: c._id,
        limit: size + 1,
        after,
        status: args.status ?? null,
      });
      return connection(docs, size, args.after, orderCursor);
    },
  },
};
