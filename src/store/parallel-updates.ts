/**
 * Sends a large unordered bulk of guarded updates as a few commands at once instead of one.
 *
 * A server applies one update command's statements one after another on one connection, so a batch
 * of a thousand updates uses one core of the store however many it has. Split in parts that run
 * concurrently, the statements are applied side by side; being unordered and each guarded on its own
 * document, their order never mattered. Small bulks stay one command.
 */
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

/** Statements below which a bulk is not split: the extra command would cost more than it saves. */
const SPLIT_FROM = 100;

/** Returns how many statements matched a document, summed over the parts. */
export async function updateInParts<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  parts: number,
): Promise<{ matchedCount: number }> {
  const n = Math.max(1, Math.min(parts, Math.floor(ops.length / SPLIT_FROM)));
  const size = Math.ceil(ops.length / n);
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      collection.bulkWrite(ops.slice(i * size, (i + 1) * size), { ordered: false }),
    ),
  );
  return { matchedCount: results.reduce((sum, r) => sum + r.matchedCount, 0) };
}
