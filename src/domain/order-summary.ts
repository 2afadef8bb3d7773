/** Customer order summary fields (legacy spec, "Customer order summary"). Pure. */
import type { OrderFact } from './facts';

const OPEN = new Set(['PENDING_PAYMENT', 'PAID', 'FULFILLING', 'SHIPPED', 'REFUNDING']);
const SPEND = new Set(['PAID', 'FULFILLING', 'SHIPPED', 'DELIVERED']);

export interface OrderSummary {
  openOrders: number;
  /** Integer fen; bigint because order totals are bigint columns. */
  lifetimeSpendFen: bigint;
  lastOrderAt: Date | null;
}

export function summarizeOrders(orders: readonly OrderFact[]): OrderSummary {
  let openOrders = 0;
  let lifetimeSpendFen = 0n;
  let lastOrderAt: Date | null = null;
  for (const o of orders) {
    if (OPEN.has(o.status)) openOrders += 1;
    if (SPEND.has(o.status)) lifetimeSpendFen += o.totalFen;
    if (lastOrderAt === null || o.placedAt > lastOrderAt) lastOrderAt = o.placedAt;
  }
  return { openOrders, lifetimeSpendFen, lastOrderAt };
}
