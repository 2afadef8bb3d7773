/**
 * What the view knows of each source row, after decoding and code mapping: the pure input of the
 * business rules. Positions and provenance are carried alongside so every derived value can say
 * where it came from.
 */
import type { BillingMeaning, CrmMeaning, Mapped, OrderStatus } from './code-maps';

export type SourceSystem = 'CRM' | 'BILLING' | 'OMS';

export interface CrmCustomerFact {
  custId: string;
  name: string;
  email: string | null;
  mobile: string | null;
  rawStatus: string;
  status: Mapped<CrmMeaning>;
  vipLevel: number;
  /** When CRM last changed the row (modified_at, converted from Asia/Shanghai local time to UTC). */
  changedAt: Date | null;
}

export interface BillingAccountFact {
  accountNo: string;
  crmRef: string | null;
  contactEmail: string;
  rawState: string;
  state: Mapped<BillingMeaning>;
  /** numeric(12,2) kept as its decimal text: never a binary float. */
  balance: string;
  changedAt: Date | null;
}

export interface OrderFact {
  orderNo: string;
  buyerCode: string;
  rawState: number;
  status: Mapped<OrderStatus>;
  totalFen: bigint;
  placedAt: Date;
  changedAt: Date | null;
}
