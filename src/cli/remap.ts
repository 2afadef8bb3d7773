/**
 * `remap`: after a change of mappings/code-maps.json, rebuild the view from the stored facts with
 * the new code maps. No Kafka replay: the facts keep every raw code. Status changes this causes go
 * through the documents' outbox like any other, so subscribers hear about them.
 */
import type { Store } from '../store/create-store';
import { storedFacts } from '../store/create-store';
import type { CodeMaps } from '../domain/code-maps';

export interface RemapResult {
  customers: number;
  statusChanges: number;
  unlinkedOrders: number;
  events: Awaited<ReturnType<Store['recompute']>>['events'];
}

/** Rebuilds every customer (or the ones named) in chunks, then the orders attached to nobody. */
export async function remapView(
  store: Store,
  codeMaps: CodeMaps,
  { customers, chunk = 200 }: { customers?: string[]; chunk?: number } = {},
): Promise<RemapResult> {
  const reader = storedFacts(codeMaps);
  const ids: string[] = customers ?? [];
  if (!customers) {
    const live = store.facts.find({ system: 'crm', fact: { $ne: null } }, { projection: { rowKey: 1 } });
    for await (const d of live) ids.push(d.rowKey);
  }
  const result: RemapResult = { customers: 0, statusChanges: 0, unlinkedOrders: 0, events: [] };
  for (let i = 0; i < ids.length; i += chunk) {
    const r = await store.recompute(ids.slice(i, i + chunk), reader);
    result.customers += r.written + r.removed;
    result.events.push(...r.events);
  }
  result.statusChanges = result.events.reduce((n, e) => n + e.events.length, 0);
  if (!customers) result.unlinkedOrders = await store.remapUnlinkedOrders(reader);
  return result;
}
