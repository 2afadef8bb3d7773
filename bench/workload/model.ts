/**
 * What the generator has written, kept in memory so every change it makes really changes a row (a
 * new value differs from the current one; a delete hits a row that exists) and can be counted.
 */
import type { AccountRow, CustomerRow, OrderRow } from './rows';
import type { Rng } from './random';

/** A keyed set with O(1) add, delete and uniform random pick. */
export class KeyPool<K, V> {
  private readonly keys: K[] = [];
  private readonly index = new Map<K, number>();
  private readonly values = new Map<K, V>();

  get size(): number {
    return this.keys.length;
  }
  get(k: K): V | undefined {
    return this.values.get(k);
  }
  set(k: K, v: V): void {
    if (!this.index.has(k)) {
      this.index.set(k, this.keys.length);
      this.keys.push(k);
    }
    this.values.set(k, v);
  }
  delete(k: K): boolean {
    const i = this.index.get(k);
    if (i === undefined) return false;
    const last = this.keys.pop() as K;
    if (last !== k) {
      this.keys[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(k);
    this.values.delete(k);
    return true;
  }
  random(rng: Rng): [K, V] | undefined {
    if (this.keys.length === 0) return undefined;
    const k = this.keys[Math.floor(rng.next() * this.keys.length)] as K;
    return [k, this.values.get(k) as V];
  }
}

export interface WorkloadModel {
  customers: KeyPool<number, CustomerRow>;
  accounts: KeyPool<string, AccountRow>;
  orders: KeyPool<number, OrderRow>;
  /** Next free keys: above the demo sample rows (cust 1001-1010, BA00000001-7, order ids 1-8). */
  next: { custId: number; account: number; orderId: number; orphanBuyer: number };
}

export function createModel(): WorkloadModel {
  return {
    customers: new KeyPool(),
    accounts: new KeyPool(),
    orders: new KeyPool(),
    next: { custId: 2001, account: 10_000_001, orderId: 1001, orphanBuyer: 9_000_001 },
  };
}
