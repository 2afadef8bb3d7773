import { diffViews } from '../../../../bench/e2e/catch-up';

const c = (status: string) => ({
  status,
  accountNos: [],
  orderNos: [],
  openOrders: 0,
  lifetimeSpendFen: '0',
});

describe('diffViews', () => {
  it('counts customers missing on either side or different', () => {
    const d = diffViews(
      { '1': c('ACTIVE'), '2': c('BLOCKED'), '3': c('CLOSED') },
      { '1': c('ACTIVE'), '2': c('ACTIVE'), '4': c('ACTIVE') },
    );
    expect(d.mismatches).toBe(3);
    expect(d.expected).toBe(3);
    expect(d.actual).toBe(3);
    expect(d.examples[0]).toContain('2: expected');
  });
  it('is empty for equal views', () => {
    expect(diffViews({ '1': c('ACTIVE') }, { '1': c('ACTIVE') }).mismatches).toBe(0);
  });
});
