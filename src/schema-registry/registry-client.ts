/**
 * Client of a Confluent-compatible schema registry (Apicurio's ccompat API locally), configured so
 * Avro `long` values keep all 64 bits: Debezium writes nanosecond timestamps (`source.ts_ns`) and
 * bigint keys that a JavaScript number would silently round.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { AppError } from '../shared/errors';

const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint | number) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (n: unknown) => BigInt(n as string | number),
  toJSON: (n: bigint) =>
    n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString(),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/**
 * avsc consults the hook before resolving any type, `long` references included. (Its `registry`
 * option would also do, but the library shares one registry object between schemas, which then
 * collide on record names.)
 */
function longAsBigint(schema: unknown): avro.Type | undefined {
  const isLong =
    schema === 'long' ||
    (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long');
  return isLong ? bigintLong : undefined;
}

/**
 * Every registry request gets a deadline (the HTTP client has none by default): a registry that
 * accepts connections but never answers must surface as an error, not hang a batch.
 */
const withTimeout = (timeoutMs: number) => () => ({
  async prepareRequest(next: () => Promise<{ enhance(extras: { timeout: number }): unknown }>) {
    return (await next()).enhance({ timeout: timeoutMs });
  },
});

export function createRegistryClient({
  url,
  timeoutMs = 10_000,
}: {
  url: string;
  /** Deadline of one HTTP request to the registry, in ms. Default 10000. */
  timeoutMs?: number;
}): SchemaRegistry {
  return new SchemaRegistry(
    { host: url, middlewares: [withTimeout(timeoutMs) as never] },
    { [SchemaType.AVRO]: { typeHook: longAsBigint } },
  );
}

/** An avsc type for a writer schema with the same 64-bit longs as the registry client (tests, tools). */
export function avroType(schema: string | object): avro.Type {
  return avro.Type.forSchema(
    typeof schema === 'string' ? (JSON.parse(schema) as avro.Schema) : (schema as avro.Schema),
    {
      typeHook: longAsBigint,
    },
  );
}

const httpStatus = (e: unknown): number | null =>
  typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number'
    ? (e as { status: number }).status
    : null;

/**
 * `decodeAvro` for the processors, in two steps so each failure says whose fault it is:
 * - fetching the writer schema: an HTTP 404 means the message names a schema id the registry does not
 *   know (`unknown-schema`, dead-lettered); any other failure (5xx, timeouts, connection refused, which
 *   the HTTP client reports with a status too) means the registry is unavailable (retriable);
 * - decoding the bytes with that schema: a failure is the message's (`malformed`).
 */
export function createAvroDecoder(registry: SchemaRegistry) {
  return async (buffer: Buffer): Promise<unknown> => {
    const id = buffer.readInt32BE(1);
    let schema: { fromBuffer(b: Buffer): unknown };
    try {
      schema = (await registry.getSchema(id)) as unknown as { fromBuffer(b: Buffer): unknown };
    } catch (e) {
      const status = httpStatus(e);
      if (status === 404)
        throw new AppError('unknown-schema', `schema id ${id} is not in the registry`, { cause: e });
      if (status !== null)
        throw new AppError('registry-unavailable', `schema registry: ${(e as Error).message}`, {
          retriable: true,
          cause: e,
        });
      // No HTTP status: the schema came back but avsc cannot build a type from it.
      throw new AppError('schema-invalid', `schema id ${id}: ${(e as Error).message}`, { cause: e });
    }
    try {
      return schema.fromBuffer(buffer.subarray(5));
    } catch (e) {
      throw new AppError('malformed', `Avro (schema id ${id}): ${(e as Error).message}`, { cause: e });
    }
  };
}
