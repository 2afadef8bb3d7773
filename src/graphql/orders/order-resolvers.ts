import type { OrderDoc } from '../../store/order-docs';
import type { GraphqlContext } from '../context';

export const orderResolvers = {
  Query: {
    order: (_: unknown, args: { orderNo: string }, ctx: GraphqlContext) =>
      ctx.loaders.orderByNo.load(args.orderNo.trim()),
  },
  Order: {
    totalFen: (o: OrderDoc) => BigInt(o.totalFen),
    customer: (o: OrderDoc, _: unknown, ctx: GraphqlContext) =>
      o.custId ? ctx.loaders.customerById.load(o.custId) : null,
  },
};
