/** `remap` for orders attached to nobody (attached ones follow their customer's rebuild). */
import type { Collections } from './collections';
import { isLive, type OrderFactDoc } from './fact-docs';
import type { KeyReads } from './key-reads';
import type { FactReader } from './stored-facts';

export async function remapUnlinkedOrders(
  c: Pick<Collections, 'orders' | 'facts'>,
  reads: KeyReads,
  reader: FactReader,
): Promise<number> {
  let changed = 0;
  const ids = await c.orders.find({ custId: null }, { projection: { omsId: 1 } }).toArray();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500).map((o) => `oms:orders:${o.omsId}`);
    const facts = ((await reads.find(c.facts, {}, '_id', chunk)) as OrderFactDoc[]).filter(isLive);
    if (facts.length === 0) continue;
    const r = await c.orders.bulkWrite(
      facts.map((d) => {
        const { orderNo, status } = reader.order(d);
        return {
          updateMany: {
            filter: { _id: orderNo, pos: d.pos, status: { $ne: status } },
            update: { $set: { status } },
          },
        };
      }),
      { ordered: false },
    );
    changed += r.modifiedCount;
  }
  return changed;
}
