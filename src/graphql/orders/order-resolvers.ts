import type { OrderDoc } from '../../store/order-docs';
import type { GraphqlContext } from '../context';
import { toGlobalId } from '../global-id';
import { fromMinorUnits } from '../money';

export const orderResolvers = {
  Query: {
    order: (_: unknown, args: { orderNo: string }, ctx: GraphqlContext) =>
      ctx.loaders.orderByNo.load(args.orderNo.trim()),
  },
  Order: {
    id: (o: OrderDoc) => toGlobalId('Order', o._id),
    rawValue: (o: OrderDoc) => String(o.rawState),
    total: (o: OrderDoc) => fromMinorUnits(o.totalFen),
    totalFen: (o: OrderDoc) => BigInt(o.totalFen),
    customer: (o: OrderDoc, _: unknown, ctx: GraphqlContext) =>
      o.custId ? ctx.loaders.customerById.load(o.custId) : null,
  },
};
