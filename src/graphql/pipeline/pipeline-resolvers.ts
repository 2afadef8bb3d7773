import { assertOperationsAccess } from '../auth/principal';
import type { GraphqlContext } from '../context';

export const pipelineResolvers = {
  Query: {
    pipeline: (_: unknown, __: unknown, ctx: GraphqlContext) => {
      assertOperationsAccess(ctx.principal);
      return ctx.services.pipelineStatus();
    },
  },
};
