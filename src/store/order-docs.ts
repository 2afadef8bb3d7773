/**
 * The `orders` collection: one document per OMS order, linked or not, for the API's order queries.
 * Written from the order's fact (guarded by the same source position) and re-linked when its
 * customer is recomputed.
 */
import type { OrderFact } from '../domain/facts';

export const ORDERS = 'orders';

export interface OrderDoc {
  /** order_no, the key frontends know. */
  _id: string;
  orderNo: string;
  /** orders.id, OMS's primary key (what a Debezium delete carries). */
  omsId: string;
  /** The CRM customer the order is attached to (buyer_code), null while that customer is unknown. */
  custId: string | null;
  buyerCode: string;
  /** Canonical order status, or UNKNOWN for a code the code maps do not know. */
  status: string;
  rawState: number;
  /** Integer fen as a decimal string (64-bit safe). */
  totalFen: string;
  placedAt: Date;
  /** OMS updated_at in UTC (placed_at when OMS never updated it). */
  updatedAt: Date;
  pos: string;
  sourceTsMs: number;
}

export function orderDoc(
  fact: OrderFact,
  omsId: string,
  custId: string | null,
  pos: string,
  sourceTsMs: number,
): OrderDoc {
  return {
    _id: fact.orderNo,
    orderNo: fact.orderNo,
    omsId,
    custId,
    buyerCode: fact.buyerCode,
    status: fact.status,
    rawState: fact.rawState,
    totalFen: fact.totalFen.toString(),
    placedAt: fact.placedAt,
    updatedAt: fact.changedAt ?? fact.placedAt,
    pos,
    sourceTsMs,
  };
}
