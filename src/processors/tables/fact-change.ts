/** What one change event says about one source row, after mapping: the input of the merge. */
import type { SourcePosition } from '../decode/position';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../../domain/facts';

interface Base {
  /** The row's primary key in its table, as text. */
  rowKey: string;
  position: SourcePosition;
  /** Source commit time, epoch ms (UTC): end-to-end lag and the view's freshness. */
  sourceTsMs: number;
  /** Fact fields fed by columns Debezium could not send (`__debezium_unavailable_value`): keep what is stored. */
  unavailable: string[];
  /** A code the code maps do not know: reported, and stored as UNKNOWN. */
  unknownCode?: { column: string; value: string };
}

/** `fact: null` is a delete: that source's contribution goes, a guard at `position` stays. */
export type FactChange =
  | (Base & { system: 'crm'; table: 'customers'; fact: CrmCustomerFact | null })
  | (Base & { system: 'billing'; table: 'accounts'; fact: BillingAccountFact | null })
  | (Base & { system: 'oms'; table: 'orders'; fact: OrderFact | null });

export type MapResult =
  | { ok: true; change: FactChange }
  | { ok: false; reason: 'missing-field' | 'bad-value' | 'unsupported-op'; detail: string };
