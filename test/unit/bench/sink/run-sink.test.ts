import { checkRows } from '../../../../bench/sink/run-sink';
import { finalRows, syntheticEvents } from '../../../../bench/throughput/synthetic';

describe('checking the sink result', () => {
  const events = [...syntheticEvents({ customers: 4, versions: 3, ordersPerCustomer: 2 })];
  const finals = finalRows(events).crm;

  it('accepts one document per row at its final version, scalar or subdocument _id', () => {
    const docs = [...finals.values()].map((e) => ({ _id: e.id, ...e.after }));
    expect(checkRows(docs, finals)).toEqual({ documents: 4, wrong: 0 });
    // The RdbmsHandler's shape: the key column only inside the subdocument _id.
    const sub = [...finals.values()].map((e) => {
      const rest = Object.fromEntries(Object.entries(e.after).filter(([k]) => k !== 'cust_id'));
      return { _id: { cust_id: e.id }, ...rest };
    });
    expect(checkRows(sub, finals).wrong).toBe(0);
  });
  it('counts missing, stale and extra documents', () => {
    const docs: Record<string, unknown>[] = [...finals.values()].map((e) => ({ _id: e.id, ...e.after }));
    docs[0] = { ...docs[0], cust_status: 'Z' };
    docs.pop();
    expect(checkRows(docs, finals).wrong).toBe(2);
    expect(checkRows([...docs, { _id: 1 }, { _id: 2 }], finals).wrong).toBe(4);
  });
  it('keeps the last version of every row', () => {
    expect(finalRows(events).oms.size).toBe(8);
    expect(events).toHaveLength(3 * (4 + 4 + 8));
  });
});
