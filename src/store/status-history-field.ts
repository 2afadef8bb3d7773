/**
 * The status history as stored in the customer document: one BSON binary value, like `sources`.
 * FerretDB pays for every nested field of a document on every update (docs/design.md, the write
 * path), and the history is rewritten with the document on every rebuild while it rarely changes;
 * as one opaque value it costs one field. Readers decode it here; nothing queries inside it.
 */
import { BSON, Binary } from 'mongodb';
import type { StatusChangeEntry } from '../domain/status-history';

export function encodeStatusHistory(entries: readonly StatusChangeEntry[]): Binary {
  return new Binary(BSON.serialize({ entries }));
}

/** The entries, oldest first; none for a document written before the view kept a history. */
export function decodeStatusHistory(value: Binary | undefined | null): StatusChangeEntry[] {
  if (!value) return [];
  return (BSON.deserialize(value.buffer) as { entries: StatusChangeEntry[] }).entries;
}
