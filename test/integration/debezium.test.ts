/**
 * A Debezium change event arrives from each legacy database, through the committed connector
 * configs, in both converter formats: JSON with schemas, and Avro in the Confluent wire format
 * decoded through the schema registry's Confluent-compatible API.
 */
import type { KafkaMessage } from '../../src/kafka/kafka-client';
import { createRegistryClient } from '../../src/schema-registry/registry-client';
import { endpoints } from './support/endpoints';
import { createLegacyCopy, sql, type LegacyCopy, type LegacySystem } from './support/legacy-db';
import { readTopic, type TopicReader } from './support/topic-reader';

interface ChangeEvent {
  op: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: Record<string, unknown>;
}

const registry = createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL });

/** Avro longs decode as bigint, JSON ones as number: compare keys by their text. */
const text = (v: unknown) => (v === undefined || v === null ? v : String(v));

async function decode(format: 'json' | 'avro', message: KafkaMessage): Promise<ChangeEvent | null> {
  if (!message.value) return null; // tombstone
  if (format === 'avro') {
    expect(message.value[0]).toBe(0); // Confluent wire format: magic byte, then a 4-byte schema id
    return (await registry.decode(message.value)) as ChangeEvent;
  }
  return (JSON.parse(message.value.toString()) as { payload: ChangeEvent }).payload;
}

const CASES: {
  system: LegacySystem;
  rows: number;
  pk: string;
  key: string | number;
  update: string;
  field: string;
  value: unknown;
}[] = [
  {
    system: 'crm',
    rows: 10,
    pk: 'cust_id',
    key: 1004,
    update: "UPDATE customers SET cust_status = 'A' WHERE cust_id = 1004",
    field: 'cust_status',
    value: 'A',
  },
  {
    system: 'billing',
    rows: 7,
    pk: 'account_no',
    key: 'BA00000006',
    update: "UPDATE accounts SET acct_state = 'DUNNING' WHERE account_no = 'BA00000006'",
    field: 'acct_state',
    value: 'DUNNING',
  },
  {
    system: 'oms',
    rows: 8,
    pk: 'id',
    key: 7,
    update: 'UPDATE orders SET state = 50 WHERE id = 7',
    field: 'state',
    value: 50,
  },
];

describe.each(['json', 'avro'] as const)('Debezium %s change events', (format) => {
  describe.each(CASES)('from $system', ({ system, rows, pk, key, update, field, value }) => {
    let copy: LegacyCopy;
    let reader: TopicReader;

    beforeAll(async () => {
      copy = await createLegacyCopy(system, format);
      reader = await readTopic(copy.topic);
    });
    afterAll(async () => {
      await reader?.stop();
      await copy?.drop();
    });

    const decoded = async () => Promise.all(reader.messages.map((m) => decode(format, m)));

    it('snapshots every sample row as a read (op r)', async () => {
      await reader.until(`${rows} snapshot rows`, (m) => m.length >= rows);
      const events = (await decoded()).filter((e): e is ChangeEvent => e !== null);
      expect(events.slice(0, rows).map((e) => e.op)).toEqual(Array(rows).fill('r'));
    });

    it('streams an update (op u) with before and after images', async () => {
      await sql(system, copy.db, update);
      await reader.until('the update', (m) => m.length >= rows + 1);
      const event = (await decoded())[rows] as ChangeEvent;
      expect(event.op).toBe('u');
      expect(text(event.after?.[pk])).toEqual(String(key));
      expect(text(event.after?.[field])).toEqual(String(value));
      expect(text(event.before?.[field])).not.toEqual(String(value));
      expect(event.source).toHaveProperty('ts_ms');
      // Nanosecond commit times need all 64 bits (bigint in Avro, beyond 2^53 either way).
      expect(BigInt(event.source.ts_ns as bigint)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    });

    it('streams a delete (op d) followed by a tombstone, keyed by primary key', async () => {
      const table = copy.topic.split('.').pop() as string;
      const param = system === 'crm' ? '?' : '$1';
      await sql(system, copy.db, `DELETE FROM ${table} WHERE ${pk} = ${param}`, [key]);
      await reader.until('the delete and its tombstone', (m) => m.length >= rows + 3);
      const [del, tombstone] = (await decoded()).slice(rows + 1);
      expect(del?.op).toBe('d');
      expect(text(del?.before?.[pk])).toEqual(String(key));
      expect(tombstone).toBeNull();
      const keyOf = reader.messages[rows + 2]?.key;
      expect(keyOf?.length).toBeGreaterThan(0);
    });
  });
});
