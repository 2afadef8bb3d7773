/** The executable schema: SDL and resolvers of each domain, merged. */
import { createSchema } from 'graphql-yoga';
import { commonSdl } from './common-sdl';
import type { GraphqlContext } from './context';
import { billingAccountResolvers } from './customers/billing-account';
import { billingAccountSdl } from './customers/billing-account-sdl';
import { customerResolvers } from './customers/customer-resolvers';
import { customerSdl } from './customers/customer-sdl';
import { statusHistoryResolvers } from './history/status-history-resolvers';
import { statusHistorySdl } from './history/status-history-sdl';
import { moneyResolvers } from './money';
import { nodeResolvers } from './node/node-resolvers';
import { nodeSdl } from './node/node-sdl';
import { orderResolvers } from './orders/order-resolvers';
import { orderSdl } from './orders/order-sdl';
import { pipelineResolvers } from './pipeline/pipeline-resolvers';
import { pipelineSdl } from './pipeline/pipeline-sdl';
import { subscriptionResolvers } from './subscriptions/subscription-resolvers';
import { subscriptionSdl } from './subscriptions/subscription-sdl';

export const typeDefs = [
  commonSdl,
  nodeSdl,
  customerSdl,
  billingAccountSdl,
  orderSdl,
  pipelineSdl,
  subscriptionSdl,
  statusHistorySdl,
];

export function createApiSchema() {
  return createSchema<GraphqlContext>({
    typeDefs,
    resolvers: [
      customerResolvers,
      billingAccountResolvers,
      moneyResolvers,
      nodeResolvers,
      orderResolvers,
      pipelineResolvers,
      subscriptionResolvers,
      statusHistoryResolvers,
    ],
  });
}
