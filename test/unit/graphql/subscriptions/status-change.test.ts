import { matches, toStatusChange } from '../../../../src/graphql/subscriptions/status-change';

const decoded = {
  customerId: '1001',
  version: 7n,
  status: 'BLOCKED',
  previousStatus: 'ACTIVE',
  rule: '1 BLOCKED',
  since: 1700000000000n,
  removed: false,
  changedAt: 1700000001000n,
};

describe('customer-state.v1 records', () => {
  it('accepts a decoded record, turning longs into numbers and dates', () => {
    const r = toStatusChange(decoded);
    expect(r).toEqual({
      ok: true,
      change: { ...decoded, version: 7, since: new Date(1700000000000), changedAt: new Date(1700000001000) },
    });
  });

  it('rejects anything else with a reason', () => {
    expect(toStatusChange({ ...decoded, customerId: '' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('customerId'),
    });
    expect(toStatusChange(null)).toMatchObject({ ok: false });
  });

  it('filters by customer and status', () => {
    const r = toStatusChange(decoded);
    if (!r.ok) throw new Error('expected ok');
    expect(matches(r.change, {})).toBe(true);
    expect(matches(r.change, { customerId: '1001', status: ['BLOCKED', 'CLOSED'] })).toBe(true);
    expect(matches(r.change, { customerId: '1002' })).toBe(false);
    expect(matches(r.change, { status: ['ACTIVE'] })).toBe(false);
  });
});
