/**
 * Opaque keyset cursors: base64url of the sort key of the last item seen. Keyset (not offset) so a
 * page boundary stays put while writes insert or move other items.
 */
import { badInput } from './errors';

export type CursorKey = (string | number)[];

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

/** The key inside a cursor of this `kind` and key shape; BAD_USER_INPUT for anything else. */
export function decodeCursor(
  kind: string,
  cursor: string,
  shape: readonly ('string' | 'number')[],
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
    throw badInput('invalid cursor: pass an endCursor this API returned', { argument: 'after' });
  return parsed.slice(1) as CursorKey;
}

/** `first` checked against the cap: BAD_USER_INPUT beyond it, or below 0. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const n = first ?? fallback;
  if (n < 0) throw badInput('first must not be negative', { argument: 'first' });
  if (n > max) throw badInput(`first must be at most ${max}`, { argument: 'first', max });
  return n;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection from `size + 1` fetched items: the extra one only says there is a next page. */
export function connection<T>(
  items: T[],
  size: number,
  after: string | null | undefined,
  cursorOf: (item: T) => string,
) {
  const page = items.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  const pageInfo: PageInfo = {
    hasNextPage: items.length > size,
    // Forward-only pagination: whether items precede `after` is not computed (Relay allows false).
    hasPreviousPage: Boolean(after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return { edges, pageInfo };
}
