import { markerName, markerSeq } from '../../../../bench/workload/steady';
import { count, emptyCounts, expectedMessages } from '../../../../bench/workload/writer';

describe('freshness markers', () => {
  it('round-trip a sequence number and ignore other names', () => {
    expect(markerSeq('Fresh bench_x', markerName('Fresh bench_x', 42))).toBe(42);
    expect(markerSeq('Fresh bench_x', 'Zhang Wei')).toBeUndefined();
    expect(markerSeq('Fresh bench_x', null)).toBeUndefined();
    expect(markerSeq('Fresh bench_x', 'Fresh bench_y #3')).toBeUndefined();
  });
});

describe('change counts', () => {
  it('expect one Debezium message per change and a tombstone per delete', () => {
    const c = emptyCounts();
    count(c, { system: 'oms', text: 'INSERT', params: [], rows: 1000, deletes: 0 });
    count(c, { system: 'oms', text: 'DELETE', params: [], rows: 1, deletes: 1 });
    count(c, { system: 'crm', text: 'UPDATE', params: [], rows: 1, deletes: 0 });
    expect(c.changes).toBe(1002);
    expect(expectedMessages(c, 'oms')).toBe(1002);
    expect(expectedMessages(c, 'crm')).toBe(1);
    expect(expectedMessages(c, 'billing')).toBe(0);
  });
});
