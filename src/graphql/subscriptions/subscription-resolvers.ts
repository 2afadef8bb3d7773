import type { GraphqlContext } from '../context';
import { customerKey } from '../global-id';
import type { StatusChange } from './status-change';

export const subscriptionResolvers = {
  Subscription: {
    customerStatusChanged: {
      subscribe: (
        _: unknown,
        args: { customerId?: string | null; status?: string[] | null },
        ctx: GraphqlContext,
      ) =>
        ctx.services.feed.subscribe({
          ...args,
          customerId: args.customerId == null ? args.customerId : customerKey(args.customerId),
        }),
      resolve: (change: StatusChange) => change,
    },
  },
  CustomerStatusChange: {
    // Each event resolves in its own execution, so a fresh loader per event reads the current doc.
    customer: (c: StatusChange, _: unknown, ctx: GraphqlContext) =>
      c.removed ? null : ctx.loaders.customerById.clear(c.customerId).load(c.customerId),
  },
};
