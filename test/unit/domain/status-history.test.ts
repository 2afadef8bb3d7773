import {
  EVIDENCE_KEPT,
  newestFirst,
  nextStatusHistory,
  type DerivedChange,
  type StatusChangeEntry,
} from '../../../src/domain/status-history';
import type { StatusEvidence } from '../../../src/domain/status-rules';

const evidence = (n: number): StatusEvidence[] =>
  Array.from({ length: n }, (_, i) => ({
    system: 'OMS',
    key: `O${i}`,
    rawValue: '20',
    meaning: 'PAID',
    changedAt: new Date(1000 + i),
  }));
const change = (rev: number, status: string, over: Partial<DerivedChange> = {}): DerivedChange => ({
  rev,
  status,
  rule: `rule for ${status}`,
  evidence: evidence(1),
  since: new Date(rev * 1000),
  committedAt: new Date(rev * 1000 + 1),
  recordedAt: new Date(rev * 1000 + 2),
  codeMapsVersion: 1,
  ...over,
});

/** Applies rebuilds one after another, as the write path does, each from the previous status. */
function replay(steps: [rev: number, status: string][], limit = 50) {
  let history: readonly StatusChangeEntry[] = [];
  let status: string | null = null;
  for (const [rev, next] of steps) {
    history = nextStatusHistory(history, status, change(rev, next), limit);
    status = next;
  }
  return history;
}

describe('status history', () => {
  it('records the first status of a customer with no previous status', () => {
    const h = nextStatusHistory([], null, change(1, 'PROSPECT'), 50);
    expect(h).toEqual([
      expect.objectContaining({
        rev: 1,
        status: 'PROSPECT',
        previousStatus: null,
        rule: 'rule for PROSPECT',
      }),
    ]);
  });

  it('adds nothing while the status holds, and returns the same history so no write is needed', () => {
    const h = replay([[1, 'ACTIVE']]);
    expect(nextStatusHistory(h, 'ACTIVE', change(2, 'ACTIVE'), 50)).toBe(h);
  });

  it('a change back and forth is two entries, each with the status it replaced', () => {
    const h = replay([
      [1, 'ACTIVE'],
      [2, 'ACTIVE'],
      [3, 'BLOCKED'],
      [4, 'ACTIVE'],
    ]);
    expect(h.map((e) => [e.rev, e.previousStatus, e.status])).toEqual([
      [1, null, 'ACTIVE'],
      [3, 'ACTIVE', 'BLOCKED'],
      [4, 'BLOCKED', 'ACTIVE'],
    ]);
  });

  it('a rebuild repeated from the same previous document (redelivery, lost race) yields the same history', () => {
    const before = replay([[1, 'ACTIVE']]);
    const once = nextStatusHistory(before, 'ACTIVE', change(2, 'BLOCKED'), 50);
    const again = nextStatusHistory(before, 'ACTIVE', change(2, 'BLOCKED'), 50);
    expect(again).toEqual(once);
    // Rebuilt on top of the document that already holds the change: nothing more.
    expect(nextStatusHistory(once, 'BLOCKED', change(3, 'BLOCKED'), 50)).toBe(once);
  });

  it('never records a revision at or below its newest entry', () => {
    const h = replay([
      [1, 'ACTIVE'],
      [5, 'BLOCKED'],
    ]);
    expect(nextStatusHistory(h, 'ACTIVE', change(5, 'CLOSED'), 50)).toBe(h);
    expect(nextStatusHistory(h, 'ACTIVE', change(4, 'CLOSED'), 50)).toBe(h);
  });

  it('keeps the newest `limit` entries, dropping the oldest', () => {
    const steps: [number, string][] = Array.from({ length: 10 }, (_, i) => [i + 1, i % 2 ? 'A' : 'B']);
    const h = replay(steps, 3);
    expect(h.map((e) => e.rev)).toEqual([8, 9, 10]);
    expect(replay(steps, 0)).toEqual([]);
  });

  it('trims to a lowered limit on the next rebuild even without a change', () => {
    const h = replay([
      [1, 'A'],
      [2, 'B'],
      [3, 'A'],
    ]);
    expect(nextStatusHistory(h, 'A', change(4, 'A'), 2).map((e) => e.rev)).toEqual([2, 3]);
  });

  it('keeps the first few facts behind a rule and how many there were', () => {
    const h = nextStatusHistory([], null, change(1, 'ACTIVE', { evidence: evidence(12) }), 50);
    expect(h[0]?.evidence).toHaveLength(EVIDENCE_KEPT);
    expect(h[0]?.evidence[0]?.key).toBe('O0');
    expect(h[0]?.evidenceCount).toBe(12);
  });

  it('carries when it happened at the source and when the view saw it', () => {
    const [e] = nextStatusHistory([], null, change(1, 'ACTIVE', { codeMapsVersion: 3 }), 50);
    expect(e).toEqual(
      expect.objectContaining({
        since: new Date(1000),
        committedAt: new Date(1001),
        recordedAt: new Date(1002),
        codeMapsVersion: 3,
      }),
    );
  });

  it('lists newest first without changing the stored order', () => {
    const h = replay([
      [1, 'A'],
      [2, 'B'],
    ]);
    expect(newestFirst(h).map((e) => e.rev)).toEqual([2, 1]);
    expect(h.map((e) => e.rev)).toEqual([1, 2]);
  });
});
