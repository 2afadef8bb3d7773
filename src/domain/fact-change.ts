/**
 * What one change event says about one source row, after decoding and code mapping: the input of the
 * merge. Pure data: the mappers produce it, the store consumes it.
 */
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from './facts';
import type { SourcePosition } from './position';

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
  /**
   * The source reported the row as new (an insert, or a snapshot read): a hint that nothing is stored
   * for it yet, which the store checks (a duplicate key) rather than trusts.
   */
  created?: boolean;
}

/** `fact: null` is a delete: that source's contribution goes, a guard at `position` stays. */
export type FactChange =
  | (Base & { system: 'crm'; table: 'customers'; fact: CrmCustomerFact | null })
  | (Base & { system: 'billing'; table: 'accounts'; fact: BillingAccountFact | null })
  | (Base & { system: 'oms'; table: 'orders'; fact: OrderFact | null });

/** The stable identity of a source row across systems: `system:table:key`. */
export const factId = (c: Pick<FactChange, 'system' | 'table' | 'rowKey'>) =>
  `${c.system}:${c.table}:${c.rowKey}`;

/** Keeps, per row, only the newest change: one write per row, whatever arrived in between. */
export function newestPerRow<C extends Pick<FactChange, 'system' | 'table' | 'rowKey' | 'position'>>(
  changes: readonly C[],
): C[] {
  const byId = new Map<string, C>();
  for (const c of changes) {
    const id = factId(c);
    const prev = byId.get(id);
    if (!prev || prev.position.key < c.position.key) byId.set(id, c);
  }
  return [...byId.values()];
}
