/**
 * Reads of many documents by the values of one field, in one of two shapes:
 * - `in`: one `find({field: {$in: values}})` per 1,000 values. On MongoDB these are index point
 *   lookups: a batch costs a handful of commands whatever its size.
 * - `equality`: one `find({field: value})` per value, a few in flight at once. FerretDB 1.x pushes
 *   only plain equality down to PostgreSQL (where the stack's GIN indexes serve it) and evaluates
 *   `$in` by decoding every document of the collection, so there a batch of keys is faster as many
 *   small indexed queries (docs/design.md has both measured).
 * Both return the same documents; callers never depend on the shape.
 */
import type { Collection, Document, Filter, FindOptions } from 'mongodb';

export const KEY_READ_SHAPES = ['in', 'equality'] as const;
export type KeyReadShape = (typeof KEY_READ_SHAPES)[number];

/** Values per `$in` query: large enough to amortise a round trip, small enough for any server. */
const IN_CHUNK = 1000;
/** Documents per reply: a chunk's documents (a few per key) in one round trip. */
const REPLY_BATCH = 10_000;

/** Runs `run` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface KeyReads {
  readonly shape: KeyReadShape;
  /**
   * Documents matching `base` whose `field` equals one of `values` (deduplicated; none → no query).
   * Several documents may share a value.
   */
  find<T extends Document>(
    collection: Collection<T>,
    base: Filter<T>,
    field: string,
    values: readonly unknown[],
    options?: FindOptions,
  ): Promise<T[]>;
}

export function createKeyReads({
  shape,
  concurrency = 8,
}: {
  shape: KeyReadShape;
  /** Equality queries in flight at once (shape `equality`). Default 8. */
  concurrency?: number;
}): KeyReads {
  async function find<T extends Document>(
    collection: Collection<T>,
    base: Filter<T>,
    field: string,
    values: readonly unknown[],
    options?: FindOptions,
  ): Promise<T[]> {
    const distinct = [...new Set(values)];
    if (distinct.length === 0) return [];
    // One reply per query: the driver's default first batch (101 documents) would add getMores.
    const query = (match: unknown) =>
      collection
        .find({ ...base, [field]: match } as Filter<T>, { batchSize: REPLY_BATCH, ...options })
        .toArray() as Promise<T[]>;
    if (shape === 'in' && distinct.length > 1) {
      const chunks: unknown[][] = [];
      for (let i = 0; i < distinct.length; i += IN_CHUNK) chunks.push(distinct.slice(i, i + IN_CHUNK));
      return (await Promise.all(chunks.map((chunk) => query({ $in: chunk })))).flat();
    }
    return (await inParallel(distinct, concurrency, (v) => query(v))).flat();
  }
  return { shape, find };
}

/**
 * The shape for a server: `equality` on FerretDB (its `buildInfo` names itself), `in` elsewhere.
 * A plain MongoDB command; the setting can always force one shape.
 */
export async function resolveKeyReadShape(
  db: { admin(): { command(c: Document): Promise<Document> } },
  setting: KeyReadShape | 'auto',
): Promise<KeyReadShape> {
  if (setting !== 'auto') return setting;
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string' ? 'equality' : 'in';
}
