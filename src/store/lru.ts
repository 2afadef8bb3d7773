/** A size-bounded map that forgets the least recently used entries first. */
export function createLru<K, V>(max: number) {
  const map = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const v = map.get(key);
      if (v === undefined) return undefined;
      // Re-inserting moves the key to the end: Map iterates in insertion order.
      map.delete(key);
      map.set(key, v);
      return v;
    },
    set(key: K, value: V): void {
      map.delete(key);
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value as K);
    },
    delete(key: K): void {
      map.delete(key);
    },
    clear(): void {
      map.clear();
    },
    get size(): number {
      return map.size;
    },
  };
}
export type Lru<K, V> = ReturnType<typeof createLru<K, V>>;
