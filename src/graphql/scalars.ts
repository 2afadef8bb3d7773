/**
 * BigInt (64-bit integers as JSON strings: JavaScript clients lose precision above 2^53 with numbers)
 * and DateTime (ISO-8601 UTC).
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

const INTEGER = /^-?\d+$/;

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
  throw badInput(`BigInt cannot represent ${JSON.stringify(String(value))}`);
}

export const BigIntScalar = new GraphQLScalarType({
  name: 'BigInt',
  description:
    'A 64-bit-safe integer, serialized as a decimal string: JavaScript numbers lose precision above 2^53.',
  serialize: (v) => toBigInt(v).toString(),
  parseValue: (v) => toBigInt(v),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toBigInt(ast.value);
    throw badInput('BigInt must be an integer or a string of digits');
  },
});

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw badInput(`DateTime cannot represent ${JSON.stringify(value)}`);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant as ISO-8601 in UTC, e.g. 2026-11-21T02:00:00.000Z.',
  serialize: (v) => toDate(v).toISOString(),
  parseValue: (v) => toDate(v),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return toDate(ast.value);
    throw badInput('DateTime must be an ISO-8601 string');
  },
});
