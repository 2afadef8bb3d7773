/**
 * Opaque keyset cursors (base64url of the sort key of an item) and Relay page arguments in both
 * directions. Keyset, not offset, so a page boundary stays put while writes insert or move other
 * items.
 */
import { badInput } from './errors';

export type CursorKey = (string | number)[];

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

/** The key inside a cursor of this `kind` and key shape; BAD_USER_INPUT (naming `argument`) otherwise. */
export function decodeCursor(
  kind: string,
  cursor: string,
  shape: readonly ('string' | 'number')[],
  argument = 'after',
): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== kind ||
    parsed.length !== shape.length + 1 ||
    !shape.every((type, i) => typeof parsed[i + 1] === type)
  )
    throw badInput(`invalid cursor in ${argument}: pass a cursor this connection returned`, { argument });
  return parsed.slice(1) as CursorKey;
}

/** A page size checked against the cap: BAD_USER_INPUT beyond it, or below 0. */
export function pageSize(n: number | null | undefined, fallback: number, max: number, argument = 'first') {
  const size = n ?? fallback;
  if (size < 0) throw badInput(`${argument} must not be negative`, { argument });
  if (size > max) throw badInput(`${argument} must be at most ${max}`, { argument, max });
  return size;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A page to read: `size` items from the `after` bound onwards (forward), or the `size` items just
 * before the `before` bound (backward, read in reverse sort order and turned round afterwards).
 */
export interface Page {
  size: number;
  backward: boolean;
  after: CursorKey | null;
  before: CursorKey | null;
}

export function readPage(
  args: PageArgs,
  cursor: { kind: string; shape: readonly ('string' | 'number')[] },
  fallback: number,
  max: number,
): Page {
  // Relay allows both, but the result of "the first n of the last m" surprises everyone; refuse it.
  if (args.first != null && args.last != null)
    throw badInput('pass first or last, not both', { argument: 'last' });
  const backward = args.last != null;
  return {
    size: backward ? pageSize(args.last, fallback, max, 'last') : pageSize(args.first, fallback, max),
    backward,
    after: args.after ? decodeCursor(cursor.kind, args.after, cursor.shape, 'after') : null,
    before: args.before ? decodeCursor(cursor.kind, args.before, cursor.shape, 'before') : null,
  };
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A Relay connection from up to `size + 1` items in reading order (reverse order for a backward
 * page): the extra item only says more exist in the reading direction. The other direction is
 * answered from the bound alone (an item at the bound existed when the client got its cursor),
 * which Relay allows and which costs no second query.
 */
export function connection<T>(items: T[], page: Page, cursorOf: (item: T) => string) {
  const more = items.length > page.size;
  const slice = items.slice(0, page.size);
  if (page.backward) slice.reverse();
  const edges = slice.map((node) => ({ cursor: cursorOf(node), node }));
  const pageInfo: PageInfo = {
    hasNextPage: page.backward ? page.before !== null : more,
    hasPreviousPage: page.backward ? more : page.after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return { edges, pageInfo };
}
