import { compareView, type ViewCustomer } from '../../../src/reconcile/compare-view';
import type { ExpectedCustomer } from '../../../src/reconcile/expected-view';

const customer = (over: Partial<ExpectedCustomer> = {}): ExpectedCustomer => ({
  name: 'Zhang Wei',
  vipLevel: 2,
  status: 'ACTIVE',
  accountNos: ['BA1'],
  orderNos: ['SO1', 'SO2'],
  openOrders: 1,
  lifetimeSpendFen: '13000',
  ...over,
});

describe('compareView', () => {
  it('finds no drift when the view says what the sources say', () => {
    const expected = new Map([['1001', customer()]]);
    const report = compareView(expected, [{ _id: '1001', ...customer({ orderNos: ['SO2', 'SO1'] }) }]);
    expect(report.drifted).toEqual([]);
    expect(report).toMatchObject({ sourceCustomers: 1, viewCustomers: 1 });
  });

  it('tells each kind of drift apart, with samples', () => {
    const expected = new Map([
      ['1', customer()],
      ['2', customer()],
      ['3', customer()],
      ['4', customer()],
    ]);
    const view: ViewCustomer[] = [
      { _id: '2', ...customer({ status: 'DELINQUENT' }) },
      { _id: '3', ...customer({ accountNos: [] }) },
      { _id: '4', ...customer({ name: 'Old Name', lifetimeSpendFen: '0' }) },
      { _id: '9', ...customer() },
    ];
    const report = compareView(expected, view);
    expect(report.counts).toEqual({ missing: 1, extra: 1, 'wrong-status': 1, 'wrong-links': 1, stale: 1 });
    expect(report.drifted).toEqual(['1', '2', '3', '4', '9']);
    expect(report.samples['wrong-status']).toEqual([
      { custId: '2', fields: { status: ['DELINQUENT', 'ACTIVE'] } },
    ]);
    expect(report.samples['wrong-links'][0]?.fields).toEqual({ accountNos: [[], ['BA1']] });
    expect(report.samples.stale[0]?.fields).toEqual({
      name: ['Old Name', 'Zhang Wei'],
      lifetimeSpendFen: ['0', '13000'],
    });
  });

  it('keeps at most the asked number of samples but counts every customer', () => {
    const expected = new Map(Array.from({ length: 12 }, (_, i) => [String(i), customer()] as const));
    const report = compareView(expected, [], { samples: 3 });
    expect(report.counts.missing).toBe(12);
    expect(report.samples.missing).toHaveLength(3);
    expect(report.drifted).toHaveLength(12);
  });
});
