/**
 * Inserts a batch's new documents in one unordered command. A duplicate key means another writer
 * inserted that document first: the caller's view of it was wrong, and it says which ones so the
 * caller can settle them. Anything else fails the batch.
 */
import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from '../shared/errors';

/** Returns the indexes (into `docs`) of the documents that were already there. */
export async function insertNew<T extends Document>(
  collection: Collection<T>,
  docs: OptionalUnlessRequiredId<T>[],
): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs, { ordered: false });
    return [];
  } catch (e) {
    const errors = (e as { writeErrors?: unknown }).writeErrors;
    const failed = Array.isArray(errors) ? errors : errors ? [errors] : [];
    if (failed.length === 0 || !failed.every(isDuplicateKey)) throw e;
    return failed.map((w) => (w as { index: number }).index);
  }
}
