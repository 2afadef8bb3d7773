import type { StatusChangeEntry } from '../../../../src/domain/status-history';
import { historyPage } from '../../../../src/graphql/history/status-history-resolvers';

const entry = (rev: number): StatusChangeEntry => ({
  rev,
  status: rev % 2 ? 'ACTIVE' : 'BLOCKED',
  previousStatus: rev === 1 ? null : rev % 2 ? 'BLOCKED' : 'ACTIVE',
  rule: 'r',
  evidence: [],
  evidenceCount: 0,
  since: null,
  committedAt: new Date(rev),
  recordedAt: new Date(rev),
  codeMapsVersion: 1,
});
// Stored oldest first, revisions with gaps as rebuilds that keep the status leave them.
const history = [1, 3, 4, 7, 9].map(entry);
const revs = (p: ReturnType<typeof historyPage>) => p.edges.map((e) => e.node.rev);

describe('statusHistory pages', () => {
  it('pages newest first to the end and counts every entry', () => {
    const one = historyPage(history, { first: 2 }, 100);
    expect(revs(one)).toEqual([9, 7]);
    expect(one.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: false }));
    expect(one.totalCount).toBe(5);
    const two = historyPage(history, { first: 2, after: one.pageInfo.endCursor }, 100);
    expect(revs(two)).toEqual([4, 3]);
    const three = historyPage(history, { first: 2, after: two.pageInfo.endCursor }, 100);
    expect(revs(three)).toEqual([1]);
    expect(three.pageInfo).toEqual(expect.objectContaining({ hasNextPage: false, hasPreviousPage: true }));
  });

  it('pages backwards from the oldest with last and before', () => {
    const last = historyPage(history, { last: 2 }, 100);
    expect(revs(last)).toEqual([3, 1]);
    expect(last.pageInfo).toEqual(expect.objectContaining({ hasNextPage: false, hasPreviousPage: true }));
    const newer = historyPage(history, { last: 2, before: last.pageInfo.startCursor }, 100);
    expect(revs(newer)).toEqual([7, 4]);
    const newest = historyPage(history, { last: 2, before: newer.pageInfo.startCursor }, 100);
    expect(revs(newest)).toEqual([9]);
    expect(newest.pageInfo.hasPreviousPage).toBe(false);
  });

  it('answers an empty history (a document from before the view kept one) with an empty page', () => {
    const p = historyPage([], {}, 100);
    expect(p).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 0,
    });
  });

  it('refuses a foreign cursor, a page above the cap and first with last, as BAD_USER_INPUT', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { extensions?: { code?: string; argument?: string } }).extensions;
      }
      return undefined;
    };
    expect(code(() => historyPage(history, { after: 'bm9wZQ' }, 100))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }),
    );
    expect(code(() => historyPage(history, { before: 'x' }, 100))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'before' }),
    );
    expect(code(() => historyPage(history, { first: 101 }, 100))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'first' }),
    );
    expect(code(() => historyPage(history, { first: 1, last: 1 }, 100))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
