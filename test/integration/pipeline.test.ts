/**
 * The processors end to end on the real stack: Debezium topics of the demo databases → MongoDB
 * view, compared whole with an oracle computed from the legacy tables by SQL.
 */
import { MongoClient } from 'mongodb';
import codeMapsJson from '../../mappings/code-maps.json';
import { createCodeMaps } from '../../src/domain/code-maps';
import { createDecoder, SchemaUnavailableError } from '../../src/processors/decode/decode-message';
import { createHttpServer } from '../../src/processors/http-server';
import { createPipeline, type Pipeline } from '../../src/processors/pipeline';
import { createAvroDecoder, createRegistryClient } from '../../src/schema-registry/registry-client';
import type { CustomerDoc } from '../../src/store/customer-doc';
import { endpoints } from './support/endpoints';
import { oracleView, viewAsOracle } from './support/oracle';
import { readTopic } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

describe('processors: demo topics to the MongoDB view', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('pipeline'));
  const dlqTopic = uniqueName('dlq');
  const codeMaps = createCodeMaps(codeMapsJson);
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = createPipeline({
      brokers: endpoints.KAFKA_BROKERS,
      groupId: uniqueName('csv_test'),
      dlqTopic,
      routes: {
        crmTopic: 'crm.crm.customers',
        billingTopic: 'billing.public.accounts',
        omsTopic: 'oms.public.orders',
        crmTimeZone: 'Asia/Shanghai',
        omsTimeZone: 'Asia/Shanghai',
      },
      codeMaps,
      decoder: createDecoder({
        decodeAvro: createAvroDecoder(
          createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
          (e) => new SchemaUnavailableError(e.message),
        ),
      }),
      db,
      log: () => undefined,
    });
    await pipeline.start();
  });
  afterAll(async () => {
    await pipeline?.stop();
    await db.dropDatabase();
    await client.close();
  });

  it('converges to the oracle computed from the legacy tables', async () => {
    const expected = await oracleView();
    const view = () => viewAsOracle(db);
    await waitFor(
      'the view to match the oracle',
      async () => JSON.stringify(await view()) === JSON.stringify(expected) || undefined,
      { timeoutMs: 90_000 },
    ).catch(async () => expect(await view()).toEqual(expected));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
  });

  it('explains a status with the rule and the source facts', async () => {
    const c1002 = await db.collection<CustomerDoc>('customers').findOne({ _id: '1002' });
    expect(c1002?.status).toMatchObject({
      rule: expect.stringContaining('DELINQUENT'),
      evidence: [expect.objectContaining({ system: 'BILLING', key: 'BA00000002', rawValue: 'GRACE' })],
    });
  });

  it('serves Prometheus metrics, health and readiness', async () => {
    const http = createHttpServer({
      host: '127.0.0.1',
      port: 0,
      registry: pipeline.registry,
      ready: () => pipeline.ready(),
    });
    await http.start();
    try {
      const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { ok: true, checks: { consumerGroup: true, mongo: true } },
      });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/csv_events_total\{topic="crm\.crm\.customers",outcome="applied"\} ([1-9]\d*)/);
      expect(metrics).toMatch(
        /csv_dead_letters_total\{topic="oms\.public\.orders",reason="unknown-code"\} 1/,
      );
      expect(metrics).toContain('csv_end_to_end_lag_seconds{topic="billing.public.accounts"}');
      expect(metrics).toContain('csv_batch_duration_seconds_bucket');
    } finally {
      await http.stop();
    }
  });

  it('reports the unknown order code 45 as a dead letter with its coordinates', async () => {
    const reader = await readTopic(dlqTopic);
    try {
      const [record] = await reader.until('the unknown-code dead letter', (m) =>
        m.some((x) => x.headers?.['csv.reason']?.toString() === 'unknown-code'),
      );
      const letter = reader.messages.find((x) => x.headers?.['csv.reason']?.toString() === 'unknown-code')!;
      expect(record).toBeDefined();
      expect(letter.headers?.['csv.original.topic']?.toString()).toBe('oms.public.orders');
      expect(letter.headers?.['csv.error']?.toString()).toContain('state=45');
    } finally {
      await reader.stop();
    }
  });
});
