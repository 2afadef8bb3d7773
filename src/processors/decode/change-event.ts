/** A Debezium change event after decoding, whatever its wire format. */
import type { SourcePosition } from '../../domain/position';

export const OPS = ['c', 'u', 'd', 'r', 't'] as const;
export type Op = (typeof OPS)[number];
export type Row = Record<string, unknown>;

/** Where a message came from in Kafka: carried to the dead letters and the logs. */
export interface MessageCoordinates {
  topic: string;
  partition: number;
  offset: string;
}

export interface RawMessage extends MessageCoordinates {
  key: Buffer | null;
  value: Buffer | null;
  /** The message's own Kafka headers, if it has any: kept with its dead letter for a replay. */
  headers?: Record<string, Buffer>;
}

export interface ChangeEvent {
  kind: 'change';
  op: Op;
  /** The primary key columns, from the message key. */
  key: Row;
  before: Row | null;
  after: Row | null;
  source: {
    connector: string;
    db: string;
    table: string;
    /** Commit time in the source database, epoch ms (UTC). */
    tsMs: number;
    snapshot: string;
  };
  position: SourcePosition;
}

/** A null value after a delete: lets Kafka compaction drop the key; carries no state of its own. */
export interface Tombstone {
  kind: 'tombstone';
  key: Row;
}

export type DecodeRejectReason =
  'unknown-format' | 'malformed' | 'unknown-op' | 'missing-field' | 'unknown-schema';

export type DecodeResult =
  { ok: true; event: ChangeEvent | Tombstone } | { ok: false; reason: DecodeRejectReason; detail: string };
