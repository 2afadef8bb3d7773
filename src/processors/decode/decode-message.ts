/**
 * Decodes a Debezium message, choosing the format per message by its bytes: a leading 0x00 is the
 * Confluent Avro wire format (magic byte + 4-byte schema id), a leading `{` is JSON, with or without
 * the embedded schema. Never throws for bad input: a reject names its reason for the dead letters.
 */
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import { z } from 'zod';
import { classify } from '../../shared/errors';
import { OPS, type ChangeEvent, type DecodeResult, type Op, type RawMessage, type Row } from './change-event';
import { mariadbPosition, postgresPosition, type SourcePosition } from '../../domain/position';

export interface DecoderDeps {
  /**
   * Decodes a Confluent-framed Avro buffer through the schema registry. Throws an AppError: retriable
   * when the registry is unavailable, otherwise the message's fault (unknown schema id, bad bytes).
   */
  decodeAvro(buffer: Buffer): Promise<unknown>;
}

const MAGIC_AVRO = 0x00;
const OPEN_BRACE = 0x7b;

/** Debezium's nanosecond and microsecond times: beyond 2^53 (or close), and never read here. */
const UNREAD_LONGS = new Set(['ts_ns', 'ts_us']);

/**
 * Integers beyond 2^53 (bigint columns) stay exact as bigint. Most messages have none but in fields
 * nobody reads, and the native parser is several times faster than a lossless one: it is tried first,
 * and a message with an unsafe integer anywhere else is parsed again losslessly.
 */
function parseJson(text: string): unknown {
  let unsafe = false;
  const value: unknown = JSON.parse(text, (key, v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) && !UNREAD_LONGS.has(key))
      unsafe = true;
    return v;
  });
  if (!unsafe) return value;
  return parseLossless(text, undefined, (v: string) =>
    isSafeNumber(v) || !/^-?\d+$/.test(v) ? Number(v) : BigInt(v),
  );
}

const bigLike = z.union([z.number(), z.bigint()]).transform((v) => BigInt(v));
const numLike = z.union([z.number(), z.bigint()]).transform((v) => Number(v));
const rowSchema = z.record(z.string(), z.unknown());

const envelopeSchema = z.object({
  op: z.string(),
  before: rowSchema.nullish(),
  after: rowSchema.nullish(),
  source: z
    .object({
      connector: z.string(),
      db: z.string(),
      table: z.string().nullish(),
      ts_ms: numLike,
      snapshot: z.string().nullish(),
    })
    .passthrough(),
});

const pgSourceSchema = z.object({
  lsn: bigLike.nullish(),
  sequence: z.string().nullish(),
  txId: numLike.nullish(),
});
const mariadbSourceSchema = z.object({
  file: z.string(),
  pos: bigLike,
  row: numLike,
  gtid: z.string().nullish(),
});

/** avsc decodes records as class instances; the rest of the pipeline wants plain data. */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date)
    return value;
  if (Array.isArray(value)) return value.map(toPlain);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
}

type Body =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'unknown-format' | 'malformed' | 'unknown-schema'; detail: string };

async function decodeBody(buffer: Buffer, deps: DecoderDeps): Promise<Body> {
  if (buffer[0] === MAGIC_AVRO) {
    if (buffer.length < 5)
      return { ok: false, reason: 'malformed', detail: 'Avro frame shorter than its 5-byte header' };
    try {
      return { ok: true, value: toPlain(await deps.decodeAvro(buffer)) };
    } catch (e) {
      const err = classify(e);
      if (err.retriable) throw err;
      const reason = err.code === 'unknown-schema' ? 'unknown-schema' : 'malformed';
      return { ok: false, reason, detail: `Avro: ${err.message}` };
    }
  }
  if (buffer[0] === OPEN_BRACE) {
    try {
      const value = parseJson(buffer.toString('utf8'));
      // JsonConverter with schemas.enable=true wraps the data as {schema, payload}.
      const unwrapped =
        value && typeof value === 'object' && 'payload' in value && 'schema' in value
          ? (value as { payload: unknown }).payload
          : value;
      return { ok: true, value: unwrapped };
    } catch (e) {
      return { ok: false, reason: 'malformed', detail: `JSON: ${(e as Error).message}` };
    }
  }
  return {
    ok: false,
    reason: 'unknown-format',
    detail: `first byte 0x${buffer[0]?.toString(16).padStart(2, '0')} is neither Avro nor JSON`,
  };
}

const isSnapshot = (flag: string | null | undefined) =>
  flag !== undefined && flag !== null && flag !== 'false';

function positionOf(source: Record<string, unknown>, snapshot: boolean): SourcePosition | string {
  const connector = source.connector;
  if (connector === 'postgresql') {
    const parsed = pgSourceSchema.safeParse(source);
    if (!parsed.success)
      return `postgresql source: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`;
    let commitLsn = 0n;
    let lsn = parsed.data.lsn ?? null;
    if (parsed.data.sequence) {
      try {
        const [commit, current] = JSON.parse(parsed.data.sequence) as [string | null, string | null];
        commitLsn = commit === null ? 0n : BigInt(commit);
        if (current !== null) lsn = BigInt(current);
      } catch {
        return `postgresql source.sequence is not [commitLsn, lsn]: ${parsed.data.sequence}`;
      }
    }
    if (lsn === null) return 'postgresql source has no lsn';
    return postgresPosition(snapshot, commitLsn, lsn, parsed.data.txId ?? null);
  }
  if (connector === 'mariadb' || connector === 'mysql') {
    const parsed = mariadbSourceSchema.safeParse(source);
    if (!parsed.success)
      return `${connector} source: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`;
    return mariadbPosition(
      snapshot,
      parsed.data.file,
      parsed.data.pos,
      parsed.data.row,
      parsed.data.gtid ?? null,
    );
  }
  return `unsupported connector "${String(connector)}"`;
}

export function createDecoder(deps: DecoderDeps) {
  return {
    async decode(message: RawMessage): Promise<DecodeResult> {
      if (!message.key || message.key.length === 0) {
        return {
          ok: false,
          reason: 'missing-field',
          detail: 'message has no key (topics are keyed by primary key)',
        };
      }
      const key = await decodeBody(message.key, deps);
      if (!key.ok) return { ok: false, reason: key.reason, detail: `key: ${key.detail}` };
      const keyRow = rowSchema.safeParse(key.value);
      if (!keyRow.success)
        return { ok: false, reason: 'malformed', detail: 'key is not a record of columns' };

      if (!message.value || message.value.length === 0)
        return { ok: true, event: { kind: 'tombstone', key: keyRow.data } };

      const body = await decodeBody(message.value, deps);
      if (!body.ok) return body;
      const envelope = envelopeSchema.safeParse(body.value);
      if (!envelope.success) {
        const fields = envelope.error.issues.map((i) => i.path.join('.') || '(root)');
        return {
          ok: false,
          reason: 'missing-field',
          detail: `not a Debezium envelope: ${fields.join(', ')}`,
        };
      }
      const { op, before, after, source } = envelope.data;
      if (!(OPS as readonly string[]).includes(op))
        return { ok: false, reason: 'unknown-op', detail: `op "${op}"` };
      if ((op === 'c' || op === 'u' || op === 'r') && !after)
        return { ok: false, reason: 'missing-field', detail: `op ${op} without after` };
      if (op === 'd' && !before) return { ok: false, reason: 'missing-field', detail: 'op d without before' };

      const snapshot = isSnapshot(source.snapshot);
      const position = positionOf(source, snapshot);
      if (typeof position === 'string') return { ok: false, reason: 'missing-field', detail: position };
      const event: ChangeEvent = {
        kind: 'change',
        op: op as Op,
        key: keyRow.data,
        before: (before ?? null) as Row | null,
        after: (after ?? null) as Row | null,
        source: {
          connector: source.connector,
          db: source.db,
          table: source.table ?? '',
          tsMs: source.ts_ms,
          snapshot: source.snapshot ?? 'false',
        },
        position,
      };
      return { ok: true, event };
    },
  };
}
export type Decoder = ReturnType<typeof createDecoder>;
