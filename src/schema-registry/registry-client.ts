/**
 * Client of a Confluent-compatible schema registry (Apicurio's ccompat API locally), configured so
 * Avro `long` values keep all 64 bits: Debezium writes nanosecond timestamps (`source.ts_ns`) and
 * bigint keys that a JavaScript number would silently round.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';

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

export function createRegistryClient({ url }: { url: string }): SchemaRegistry {
  return new SchemaRegistry({ host: url }, { [SchemaType.AVRO]: { typeHook: longAsBigint } });
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

/**
 * `decodeAvro` for the processors: an unknown schema id is the message's fault (rejected), anything
 * else (registry down, timeouts) is retriable and surfaces as SchemaUnavailableError.
 */
export function createAvroDecoder(registry: SchemaRegistry, unavailable: (cause: Error) => Error) {
  return async (buffer: Buffer): Promise<unknown> => {
    try {
      return await registry.decode(buffer);
    } catch (e) {
      const err = e as Error & { status?: number };
      if (err.status === 404 || /not found|duplicate type|invalid/i.test(err.message)) throw err;
      throw unavailable(err);
    }
  };
}
