/**
 * Reading column values out of decoded rows. JSON gives numbers (bigint beyond 2^53), Avro gives
 * bigint for every long; both land here. A missing required column is a reject, not a default.
 */
import { AppError } from '../../shared/errors';
import type { Row } from '../decode/change-event';

/** Debezium's stand-in for a value it did not receive (e.g. an unchanged TOASTed column). */
export const UNAVAILABLE = '__debezium_unavailable_value';

/** A column the mapper cannot use: the message is at fault, so it is dead-lettered, never retried. */
export class ColumnError extends AppError {
  constructor(
    readonly reason: 'missing-field' | 'bad-value',
    message: string,
  ) {
    super(reason, message);
    this.name = 'ColumnError';
  }
}

export interface Columns {
  /** Columns whose value was the unavailable placeholder: the stored value must be kept. */
  unavailable: string[];
  str(name: string): string;
  optStr(name: string): string | null | undefined;
  int(name: string): number;
  big(name: string): bigint;
  /** An epoch in `unit` per second (1000 for ms, 1_000_000 for µs), to epoch ms. */
  epochMs(name: string, perSecond: 1000 | 1_000_000): number;
}

const INT64_MAX = 9_223_372_036_854_775_807n;

export function columns(row: Row): Columns {
  const unavailable: string[] = [];
  const raw = (name: string, required: boolean): unknown => {
    const v = row[name];
    if (v === UNAVAILABLE) {
      unavailable.push(name);
      return undefined;
    }
    if (required && (v === undefined || v === null))
      throw new ColumnError('missing-field', `column ${name} is missing or null`);
    return v;
  };
  const num = (name: string): bigint => {
    const v = raw(name, true);
    if (v === undefined) return 0n; // unavailable: the caller keeps the stored value
    if (typeof v === 'bigint' && v <= INT64_MAX && v >= -INT64_MAX - 1n) return v;
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    // Integer columns of the legacy tables are at most 64 bits (19 digits): a longer run of digits is
    // poison, and stored as a key it would fail every write of its batch (PostgreSQL's index row limit).
    if (typeof v === 'string' && /^-?\d{1,19}$/.test(v)) return BigInt(v);
    if (typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v)))
      throw new ColumnError(
        'bad-value',
        `column ${name} is out of the 64-bit range (${String(v).length} digits)`,
      );
    throw new ColumnError('bad-value', `column ${name} is not an integer: ${String(v)}`);
  };
  return {
    unavailable,
    str(name) {
      const v = raw(name, true);
      if (v === undefined) return '';
      if (typeof v !== 'string') throw new ColumnError('bad-value', `column ${name} is not text`);
      return v;
    },
    optStr(name) {
      const v = raw(name, false);
      if (v === undefined || v === null) return v as undefined | null;
      if (typeof v !== 'string') throw new ColumnError('bad-value', `column ${name} is not text`);
      return v;
    },
    int(name) {
      const v = num(name);
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
        throw new ColumnError('bad-value', `column ${name} out of range`);
      return Number(v);
    },
    big: num,
    epochMs(name, perSecond) {
      const v = num(name);
      return perSecond === 1000 ? Number(v) : Number(v / 1000n);
    },
  };
}

/** The fact fields fed by unavailable columns. */
export function unavailableFields(unavailable: string[], fields: Record<string, string[]>): string[] {
  return unavailable.flatMap((column) => fields[column] ?? [column]);
}
