/**
 * What this process last wrote or read of rows and customers, kept so the next batch need not read
 * them again (the state store of a Kafka Streams processor, in memory, bounded).
 *
 * Safe with any number of writers: nothing is trusted, only compared. A row's update is guarded by
 * the position it is believed to have, a customer's replacement by the revision it is believed to
 * have; when another writer moved either on, the guard fails, the batch falls back to reading what
 * is stored, and the entry is dropped. A rebalance clears everything: the rows of partitions this
 * process no longer reads would only go stale.
 */
import type { PreviousDoc } from './customer-inputs';
import type { FactDoc } from './fact-docs';
import { createLru } from './lru';

export function createWriteThrough({
  rows = 20_000,
  customers = 10_000,
}: { rows?: number; customers?: number } = {}) {
  return {
    /** Stored fact documents by fact id. */
    rows: createLru<string, FactDoc>(rows),
    /** The parts of customer documents a rebuild needs, by customer id. */
    customers: createLru<string, PreviousDoc>(customers),
    clear(): void {
      this.rows.clear();
      this.customers.clear();
    },
  };
}
export type WriteThrough = ReturnType<typeof createWriteThrough>;

/** A cache that remembers nothing (tests and tools that want every read to reach the store). */
export const noWriteThrough = (): WriteThrough => createWriteThrough({ rows: 0, customers: 0 });
