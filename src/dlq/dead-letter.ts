/**
 * A dead letter as read back from the dead-letter topic: the original key and value untouched, and
 * the coordinates and reason the processors put in its headers (src/processors/dead-letters.ts).
 * Parsing is pure and never throws: a record without the coordinates is reported, not replayed.
 */
import type { StoredRecord } from '../kafka/kafka-client';

/** Header names written by deadLetterRecord (src/processors/dead-letters.ts). */
export const DLQ_HEADERS = {
  topic: 'csv.original.topic',
  partition: 'csv.original.partition',
  offset: 'csv.original.offset',
  reason: 'csv.reason',
  error: 'csv.error',
  failedAt: 'csv.failed.at',
  /** Bytes of an original value too big to keep in the letter (left out; the original has it). */
  valueOmitted: 'csv.value.omitted',
} as const;

/** Added to every replayed message, so a consumer or a person can tell a replay from the original. */
export const REPLAY_HEADERS = {
  from: 'csv.replayed.from',
  at: 'csv.replayed.at',
} as const;

export interface DeadLetterView {
  /** `partition:offset` in the dead-letter topic: what `dlq show` takes. */
  at: string;
  partition: number;
  offset: string;
  reason: string;
  error: string;
  /** ISO time the processors set it aside (the record's timestamp if the header is missing). */
  failedAt: string;
  /** Where the original message was; undefined if the headers do not say (cannot be replayed). */
  source?: { topic: string; partition: number; offset: string };
  key: Buffer | null;
  value: Buffer | null;
  /** Bytes of the original value when the letter could not carry it; undefined when it did. */
  valueOmitted?: number;
  /** Headers other than the dead-letter ones: the original message's own, replayed with it. */
  originalHeaders: Record<string, Buffer>;
}

const DLQ_HEADER_NAMES = new Set<string>(Object.values(DLQ_HEADERS));

export function parseDeadLetter(record: StoredRecord): DeadLetterView {
  const h = (name: string) => record.headers[name]?.toString('utf8');
  const topic = h(DLQ_HEADERS.topic);
  const partition = Number(h(DLQ_HEADERS.partition));
  const offset = h(DLQ_HEADERS.offset);
  const originalHeaders: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(record.headers))
    if (!DLQ_HEADER_NAMES.has(name)) originalHeaders[name] = value;
  const failedAt = h(DLQ_HEADERS.failedAt) ?? new Date(Number(record.timestamp)).toISOString();
  return {
    at: `${record.partition}:${record.offset}`,
    partition: record.partition,
    offset: record.offset,
    reason: h(DLQ_HEADERS.reason) ?? '(none)',
    error: h(DLQ_HEADERS.error) ?? '',
    failedAt,
    ...(topic && Number.isInteger(partition) && partition >= 0 && offset && /^\d+$/.test(offset)
      ? { source: { topic, partition, offset } }
      : {}),
    key: record.key,
    value: record.value,
    ...(h(DLQ_HEADERS.valueOmitted) !== undefined && { valueOmitted: Number(h(DLQ_HEADERS.valueOmitted)) }),
    originalHeaders,
  };
}

/** `partition:offset`, as `dlq show` takes it. */
export function parseCoordinates(text: string): { partition: number; offset: string } | undefined {
  const m = /^(\d+):(\d+)$/.exec(text);
  return m ? { partition: Number(m[1]), offset: String(BigInt(m[2] as string)) } : undefined;
}

export interface LetterFilter {
  /** Only letters set aside at or after this time. */
  since?: Date;
  reason?: string;
}

export function matches(letter: DeadLetterView, filter: LetterFilter): boolean {
  if (filter.reason !== undefined && letter.reason !== filter.reason) return false;
  if (filter.since !== undefined) {
    const t = Date.parse(letter.failedAt);
    if (!(t >= filter.since.getTime())) return false;
  }
  return true;
}

/** Counts by reason, most frequent first. */
export function countByReason(letters: DeadLetterView[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const l of letters) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** A key or value for a terminal: UTF-8 text when it is text, else base64 (marked). */
export function printable(bytes: Buffer | null): string | null {
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  // eslint-disable-next-line no-control-regex
  return Buffer.from(text, 'utf8').equals(bytes) && !/[\u0000-\u0008\u000e-\u001f]/.test(text)
    ? text
    : `base64:${bytes.toString('base64')}`;
}

/**
 * A key short enough for a table: a JSON-with-schema envelope (Debezium's JsonConverter) shows only
 * its payload, e.g. `{"id":7}`; anything else as `printable`.
 */
export function shortKey(bytes: Buffer | null): string {
  const text = printable(bytes);
  if (text === null) return 'null';
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && 'payload' in parsed && 'schema' in parsed)
      return JSON.stringify((parsed as { payload: unknown }).payload);
  } catch {
    /* not JSON: shown as it is */
  }
  return text;
}
