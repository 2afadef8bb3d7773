/**
 * `Customer.statusHistory`: the history travels inside the customer document, so a page is cut from
 * it in memory, with exact page info both ways and no query of its own.
 */
import { newestFirst, type StatusChangeEntry } from '../../domain/status-history';
import type { CustomerDoc } from '../../store/customer-doc';
import { decodeStatusHistory } from '../../store/status-history-field';
import type { GraphqlContext } from '../context';
import { decodeCursor, encodeCursor } from '../cursor';
import { badInput } from '../errors';

export const STATUS_CHANGE_CURSOR = 'statusChange';
export const DEFAULT_HISTORY_PAGE = 20;

export interface HistoryPageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The revision inside a cursor of this connection; BAD_USER_INPUT naming the argument otherwise. */
function revOf(cursor: string, argument: 'after' | 'before'): number {
  try {
    return decodeCursor(STATUS_CHANGE_CURSOR, cursor, ['number'])[0] as number;
  } catch {
    throw badInput(`invalid cursor in ${argument}: pass a cursor this connection returned`, { argument });
  }
}

/** A page size within the cap: BAD_USER_INPUT beyond it, or below 0. */
function sizeOf(n: number | null | undefined, argument: 'first' | 'last', max: number): number {
  const size = n ?? DEFAULT_HISTORY_PAGE;
  if (size < 0) throw badInput(`${argument} must not be negative`, { argument });
  if (size > max) throw badInput(`${argument} must be at most ${max}`, { argument, max });
  return size;
}

/** A Relay page of the entries (newest first), by the revisions in the cursors. */
export function historyPage(history: readonly StatusChangeEntry[], args: HistoryPageArgs, maxPage: number) {
  if (args.first != null && args.last != null)
    throw badInput('pass first or last, not both', { argument: 'last' });
  const all = newestFirst(history);
  // Newest first means revisions descend: "after" a cursor is an older (lower) revision.
  let from = 0;
  let to = all.length;
  if (args.after) {
    const rev = revOf(args.after, 'after');
    from = all.findIndex((e) => e.rev < rev);
    if (from < 0) from = all.length;
  }
  if (args.before) {
    const rev = revOf(args.before, 'before');
    const i = all.findIndex((e) => e.rev <= rev);
    to = Math.max(from, i < 0 ? all.length : i);
  }
  if (args.last != null) from = Math.max(from, to - sizeOf(args.last, 'last', maxPage));
  else to = Math.min(to, from + sizeOf(args.first, 'first', maxPage));
  const edges = all.slice(from, to).map((node) => ({
    cursor: encodeCursor(STATUS_CHANGE_CURSOR, [node.rev]),
    node,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: to < all.length,
      hasPreviousPage: from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: all.length,
  };
}

export const statusHistoryResolvers = {
  Customer: {
    statusHistory: (c: CustomerDoc, args: HistoryPageArgs, ctx: GraphqlContext) =>
      historyPage(decodeStatusHistory(c.statusHistory), args, ctx.services.maxPageSize),
  },
  StatusChange: {
    version: (e: StatusChangeEntry) => e.rev,
  },
};
