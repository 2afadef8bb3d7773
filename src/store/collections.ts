/** The view's collections, typed. Everything the processors and the API store lives in these. */
import type { Collection, Db } from 'mongodb';
import { CUSTOMERS, type CustomerDoc, type StatusEvent } from './customer-doc';
import { FACTS, type FactDoc } from './fact-docs';
import { ORDERS, type OrderDoc } from './order-docs';
import { PROGRESS, type ProgressDoc } from './progress-docs';

export const OUTBOX = 'outbox';

/** Status events of customers that left the view (their document is gone), until published. */
export interface OutboxDoc {
  _id: string;
  custId: string;
  events: StatusEvent[];
}

export interface Collections {
  facts: Collection<FactDoc>;
  customers: Collection<CustomerDoc>;
  orders: Collection<OrderDoc>;
  progress: Collection<ProgressDoc>;
  outbox: Collection<OutboxDoc>;
}

export function collections(db: Db): Collections {
  return {
    facts: db.collection<FactDoc>(FACTS),
    customers: db.collection<CustomerDoc>(CUSTOMERS),
    orders: db.collection<OrderDoc>(ORDERS),
    progress: db.collection<ProgressDoc>(PROGRESS),
    outbox: db.collection<OutboxDoc>(OUTBOX),
  };
}
