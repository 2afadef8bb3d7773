/** The registry's Confluent-compatible API with @kafkajs/confluent-schema-registry, through Kafka. */
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { createAdmin, createProducer } from '../../src/kafka/kafka-client';
import { createRegistryClient } from '../../src/schema-registry/registry-client';
import { endpoints } from './support/endpoints';
import { readTopic } from './support/topic-reader';
import { uniqueName } from './support/wait-for';

describe('schema registry (Confluent-compatible API)', () => {
  const registry = createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL });
  const topic = uniqueName('avro_smoke');
  const schema = {
    type: 'record',
    name: 'CustomerStateSmoke',
    namespace: 'customer_state_view.test',
    fields: [
      { name: 'customerId', type: 'string' },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['ACTIVE', 'BLOCKED'] } },
      { name: 'changedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ],
  };

  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('registers an Avro schema and decodes a message produced through Kafka', async () => {
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${topic}-value` },
    );
    expect(await registry.getLatestSchemaId(`${topic}-value`)).toBe(id);
    // Registering the same schema again is idempotent and returns the same id.
    expect(
      (
        await registry.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
          { subject: `${topic}-value` },
        )
      ).id,
    ).toBe(id);

    // Longs travel as bigint (see registry-client): no rounding of 64-bit values.
    const changedAt = BigInt(Date.parse('2026-11-28T01:02:03.000Z'));
    const value = await registry.encode(id, { customerId: '1001', status: 'BLOCKED', changedAt });
    expect(value.readUInt8(0)).toBe(0);
    expect(value.readInt32BE(1)).toBe(id);

    const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: '1001', value }] });
    await producer.disconnect();

    const reader = await readTopic(topic);
    try {
      const [message] = await reader.until('the Avro message', (m) => m.length >= 1);
      const decoded = (await registry.decode(message?.value as Buffer)) as Record<string, unknown>;
      expect(decoded).toEqual({ customerId: '1001', status: 'BLOCKED', changedAt });
    } finally {
      await reader.stop();
    }
  });
});
