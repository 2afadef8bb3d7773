/** The executable schema: SDL and resolvers of each domain, merged. */
import { createSchema } from 'graphql-yoga';
import type { GraphqlContext } from './context';
import { customerResolvers } from './customers/customer-resolvers';
import { customerSdl } from './customers/customer-sdl';
import { statusHistoryResolvers } from './history/status-history-resolvers';
import { statusHistorySdl } from './history/status-history-sdl';
import { orderResolvers } from './orders/order-resolvers';
import { orderSdl } from './orders/order-sdl';
import { pipelineResolvers } from './pipeline/pipeline-resolvers';
import { pipelineSdl } from './pipeline/pipeline-sdl';
import { subscriptionResolvers } from './subscriptions/subscription-resolvers';
import { subscriptionSdl } from './subscriptions/subscription-sdl';

export const typeDefs = [customerSdl, orderSdl, pipelineSdl, subscriptionSdl, statusHistorySdl];

export function createApiSchema() {
  return createSchema<GraphqlContext>({
    typeDefs,
    resolvers: [
      customerResolvers,
      orderResolvers,
      pipelineResolvers,
      subscriptionResolvers,
      statusHistoryResolvers,
    ],
  });
}
