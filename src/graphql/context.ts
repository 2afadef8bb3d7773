/** What every resolver receives: who asks, per-request loaders and the server's shared services. */
import type { Db } from 'mongodb';
import { CUSTOMERS, type CustomerDoc } from '../store/customer-doc';
import { ORDERS, type OrderDoc } from '../store/order-docs';
import type { Principal } from './auth/principal';
import { createCustomerLoaders } from './customers/customer-loaders';
import { createOrderLoaders } from './orders/order-loaders';
import type { PipelineStatusReader } from './pipeline/pipeline-status';
import type { Deadline } from './server/deadline';
import type { StatusFeed } from './subscriptions/status-feed';

export interface Services {
  db: Db;
  /** Largest `first` of a connection. */
  maxPageSize: number;
  /** Most matches a filtered totalCount counts (GRAPHQL_MAX_COUNT). */
  maxCount: number;
  pipelineStatus: PipelineStatusReader;
  feed: StatusFeed;
}

export function createLoaders(db: Db) {
  return {
    ...createCustomerLoaders(db.collection<CustomerDoc>(CUSTOMERS)),
    ...createOrderLoaders(db.collection<OrderDoc>(ORDERS)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface GraphqlContext {
  principal: Principal;
  loaders: Loaders;
  services: Services;
  /** Set for queries and mutations (server/deadline.ts); subscriptions have none. */
  deadline?: Deadline;
}
