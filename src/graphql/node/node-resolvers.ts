/** node(id) and nodes(ids): each global id through the loader of its type, so nodes(ids) batches. */
import { badInput } from '../errors';
import type { GraphqlContext } from '../context';
import { billingAccountNode } from '../customers/billing-account';
import { fromGlobalId } from '../global-id';

async function loadNode(id: string, ctx: GraphqlContext) {
  const g = fromGlobalId(id);
  if (!g) return null;
  switch (g.type) {
    case 'Customer':
      return ctx.loaders.customerById.load(g.key);
    case 'Order':
      return ctx.loaders.orderByNo.load(g.key);
    case 'BillingAccount': {
      const c = await ctx.loaders.customerByAccountNo.load(g.key);
      const a = c?.accounts?.find((x) => x.accountNo === g.key);
      return c && a ? billingAccountNode(a, c) : null;
    }
  }
}

export const nodeResolvers = {
  Query: {
    node: (_: unknown, args: { id: string }, ctx: GraphqlContext) => loadNode(args.id, ctx),
    nodes: (_: unknown, args: { ids: string[] }, ctx: GraphqlContext) => {
      const max = ctx.services.maxPageSize;
      if (args.ids.length > max) throw badInput(`ids: at most ${max}`, { argument: 'ids', max });
      return Promise.all(args.ids.map((id) => loadNode(id, ctx)));
    },
  },
  Node: {
    // The documents carry no type tag; each type has a field the others lack.
    __resolveType: (obj: object) =>
      'crmId' in obj ? 'Customer' : 'orderNo' in obj ? 'Order' : 'accountNo' in obj ? 'BillingAccount' : null,
  },
};
