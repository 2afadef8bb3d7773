/**
 * The processors end to end on the real stack: Debezium topics of the demo databases → MongoDB
 * view, compared whole with an oracle computed from the legacy tables by SQL.
 */
import { MongoClient } from 'mongodb';
import { createHttpServer } from '../../src/processors/http-server';
import { createRegistryClient } from '../../src/schema-registry/registry-client';
import type { CustomerDoc } from '../../src/store/customer-doc';
import { endpoints } from './support/endpoints';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { readTopic } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

describe('processors: demo topics to the MongoDB view', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('pipeline'));
  const dlqTopic = uniqueName('dlq');
  let pipeline: ReturnType<typeof createTestPipeline>;

  beforeAll(async () => {
    pipeline = createTestPipeline({ db, dlqTopic });
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
      // A batch is counted once its publications and commit are done, a moment after the view write:
      // wait until every topic's batches are in.
      const crmApplied =
        /csv_events_total\{system="CRM",topic="crm\.crm\.customers",op="r",outcome="applied"\} ([1-9]\d*)/;
      const unknownCode = /csv_dead_letters_total\{topic="oms\.public\.orders",reason="unknown-code"\} 1/;
      const billingLag = 'csv_end_to_end_lag_seconds{topic="billing.public.accounts"}';
      const complete = (text: string) =>
        crmApplied.test(text) && unknownCode.test(text) && text.includes(billingLag);
      const metrics = await waitFor('every topic in the metrics', async () => {
        const text = await (await fetch(`${base}/metrics`)).text();
        return complete(text) ? text : undefined;
      }).catch(async () => (await fetch(`${base}/metrics`)).text());
      expect(metrics).toMatch(crmApplied);
      expect(metrics).toMatch(unknownCode);
      expect(metrics).toContain(billingLag);
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

  it('publishes every customer status on customer-state.v1 in registered Avro, outbox drained', async () => {
    const registry = createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL });
    const customers = await db.collection<CustomerDoc>('customers').find().toArray();
    const reader = await readTopic(pipeline.stateTopic);
    try {
      await reader.until('one status event per customer', (m) => m.length >= customers.length);
      const events = await Promise.all(
        reader.messages.map(async (m) => ({
          key: m.key?.toString(),
          value: (await registry.decode(m.value as Buffer)) as Record<string, unknown>,
        })),
      );
      const latest = new Map<string, Record<string, unknown>>();
      for (const e of events) {
        expect(e.key).toBe(e.value.customerId);
        const seen = latest.get(e.key as string);
        if (!seen || (seen.version as bigint) < (e.value.version as bigint))
          latest.set(e.key as string, e.value);
      }
      for (const c of customers) {
        expect(latest.get(c._id)).toMatchObject({
          customerId: c._id,
          status: c.status.value,
          rule: c.status.rule,
          removed: false,
        });
      }
      const pending = await db
        .collection<CustomerDoc>('customers')
        .countDocuments({ 'pendingEvents.0': { $exists: true } });
      expect(pending).toBe(0);
    } finally {
      await reader.stop();
    }
  });

  it('records per-system progress for the freshness report', async () => {
    const progress = await db.collection('progress').find().sort({ _id: 1 }).toArray();
    expect(progress.map((p) => p._id)).toEqual(['BILLING', 'CRM', 'OMS']);
    for (const p of progress) expect(p.lastEventAt).toBeInstanceOf(Date);
  });

  it('keeps one orders document per OMS order, linked to its customer', async () => {
    const orders = await db.collection('orders').find().toArray();
    expect(orders.length).toBeGreaterThanOrEqual(8);
    const o = orders.find((x) => x.custId !== null)!;
    const owner = await db.collection<CustomerDoc>('customers').findOne({ _id: o.custId });
    expect(owner?.orderNos).toContain(o.orderNo);
    expect(o._id).toBe(o.orderNo);
    expect(orders.find((x) => x.rawState === 45)?.status).toBe('UNKNOWN');
  });
});
