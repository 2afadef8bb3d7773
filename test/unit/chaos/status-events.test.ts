import { checkStatusEvents, type StatusEvent } from '../../../chaos/status-events';

const ev = (
  customerId: string,
  version: number,
  previousStatus: string | null,
  status: string,
  removed = false,
): StatusEvent => ({ customerId, version, previousStatus, status, removed });

describe('checkStatusEvents', () => {
  it('accepts an unbroken chain per customer ending at the view, whatever order it arrived in', () => {
    const r = checkStatusEvents(
      [ev('1', 4, 'ACTIVE', 'BLOCKED'), ev('1', 1, null, 'ACTIVE'), ev('2', 1, null, 'PROSPECT')],
      new Map([
        ['1', 'BLOCKED'],
        ['2', 'PROSPECT'],
      ]),
    );
    expect(r).toEqual({ events: 3, customers: 2, duplicated: 0, missing: 0, conflicting: 0, examples: [] });
  });

  it('counts a redelivered event as a duplicate, not as a gap', () => {
    const r = checkStatusEvents(
      [ev('1', 1, null, 'ACTIVE'), ev('1', 1, null, 'ACTIVE'), ev('1', 2, 'ACTIVE', 'CLOSED')],
      new Map([['1', 'CLOSED']]),
    );
    expect(r.duplicated).toBe(1);
    expect(r.missing).toBe(0);
  });

  it('finds a status change that was never published', () => {
    const r = checkStatusEvents(
      [ev('1', 1, null, 'ACTIVE'), ev('1', 5, 'DELINQUENT', 'SUSPENDED')],
      new Map([['1', 'SUSPENDED']]),
    );
    expect(r.missing).toBe(1);
    expect(r.examples[0]).toContain('previousStatus DELINQUENT, last published ACTIVE');
  });

  it('finds a chain that stops short of the view, and a customer never published', () => {
    const r = checkStatusEvents(
      [ev('1', 1, null, 'ACTIVE')],
      new Map([
        ['1', 'BLOCKED'],
        ['2', 'ACTIVE'],
      ]),
    );
    expect(r.missing).toBe(2);
  });

  it('expects a customer gone from the view to end with a removal', () => {
    const removed = [ev('1', 1, null, 'ACTIVE'), ev('1', 2, 'ACTIVE', 'ACTIVE', true)];
    expect(checkStatusEvents(removed, new Map()).missing).toBe(0);
    expect(checkStatusEvents(removed.slice(0, 1), new Map()).missing).toBe(1);
    expect(checkStatusEvents(removed, new Map([['1', 'ACTIVE']])).missing).toBe(1);
  });

  it('reports two different events under one version as a conflict', () => {
    const r = checkStatusEvents(
      [ev('1', 1, null, 'ACTIVE'), ev('1', 1, null, 'BLOCKED')],
      new Map([['1', 'ACTIVE']]),
    );
    expect(r.conflicting).toBe(1);
  });
});
