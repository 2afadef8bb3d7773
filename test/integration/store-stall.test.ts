/**
 * A store that accepts connections and never answers (what a wedged MongoDB-wire server looks like):
 * the API answers fast with STORE_UNAVAILABLE instead of hanging, the processors fail the batch,
 * commit nothing and retry, and both recover when the store answers again. The stall is a TCP proxy
 * in front of the shared server that stops forwarding bytes.
 */
import { MongoClient } from 'mongodb';
import { createAdmin } from '../../src/kafka/kafka-client';
import { mongoClientOptions } from '../../src/store/mongo-client';
import { endpoints } from './support/endpoints';
import { codes, gql, startTestApi, token } from './support/graphql-server';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { copyDemoEvents } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

/** The deadline the clients below get: short, so a stall surfaces within the test's time. */
const DEADLINE_MS = 1500;
/** The request deadline of the API in the test that gives its store calls a minute. */
const REQUEST_DEADLINE_MS = 1000;

describe('a store that stops answering', () => {
  const mongo = new URL(endpoints.MONGO_URL);
  const direct = new MongoClient(endpoints.MONGO_URL);
  let proxy: TcpProxy;
  let viaProxy: MongoClient;
  const dbs: string[] = [];

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: mongo.hostname, port: Number(mongo.port) });
    viaProxy = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`, {
      ...mongoClientOptions(DEADLINE_MS),
      maxPoolSize: 20,
    });
  });
  afterEach(() => proxy.flow());
  afterAll(async () => {
    await viaProxy.close().catch(() => undefined);
    await proxy.close();
    for (const db of dbs) await direct.db(db).dropDatabase();
    await direct.close();
  });

  it('makes the API answer STORE_UNAVAILABLE within its deadline, and serve again after', async () => {
    const dbName = uniqueName('stall_api');
    dbs.push(dbName);
    await direct
      .db(dbName)
      .collection('customers')
      .insertOne({ _id: '42' as never, crmId: '42', name: 'Stalled', status: { value: 'ACTIVE' } });
    const api = await startTestApi({
      db: viaProxy.db(dbName),
      dropDb: false,
      env: { GRAPHQL_JWT_SECRET: 'graphql-integration-test-secret-0123456789' },
    });
    try {
      const bearer = await token('support');
      const query = '{ customer(id: "42") { name } }';
      expect((await gql(api.url, query, {}, { bearer })).body.data).toEqual({
        customer: { name: 'Stalled' },
      });

      proxy.stall();
      const started = Date.now();
      const stalled = await gql(api.url, query, {}, { bearer });
      const seconds = (Date.now() - started) / 1000;
      expect(codes(stalled)).toEqual(['STORE_UNAVAILABLE']);
      expect(seconds).toBeLessThan(15); // the deadline plus a reconnect, never a hang

      proxy.flow();
      const again = await waitFor('the API to serve again', async () => {
        const r = await gql(api.url, query, {}, { bearer });
        return r.body.data?.customer ? r : undefined;
      });
      expect(again.body.data).toEqual({ customer: { name: 'Stalled' } });
    } finally {
      await api.close();
    }
  });

  it('answers within the request deadline even when the store calls themselves would wait far longer', async () => {
    const dbName = uniqueName('stall_deadline');
    dbs.push(dbName);
    await direct
      .db(dbName)
      .collection('customers')
      .insertOne({ _id: '42' as never, crmId: '42', name: 'Stalled', status: { value: 'ACTIVE' } });
    // A store deadline of a minute: only the request's deadline can make the answer fast.
    const patient = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`, {
      ...mongoClientOptions(60_000),
      maxPoolSize: 20,
    });
    const api = await startTestApi({
      db: patient.db(dbName),
      dropDb: false,
      env: {
        GRAPHQL_JWT_SECRET: 'graphql-integration-test-secret-0123456789',
        GRAPHQL_REQUEST_TIMEOUT_MS: String(REQUEST_DEADLINE_MS),
      },
    });
    try {
      const bearer = await token('support');
      const query = '{ customer(id: "42") { crmId name } }';
      expect((await gql(api.url, query, {}, { bearer })).body.data).toEqual({
        customer: { crmId: '42', name: 'Stalled' },
      });

      proxy.stall();
      const started = Date.now();
      const stalled = await gql(api.url, query, {}, { bearer });
      const seconds = (Date.now() - started) / 1000;
      expect(stalled.status).toBe(200);
      expect(stalled.body.data).toEqual({ customer: null });
      expect(codes(stalled)).toEqual(['DEADLINE_EXCEEDED']);
      expect(stalled.body.errors?.[0]?.extensions).toMatchObject({ deadlineMs: REQUEST_DEADLINE_MS });
      expect(seconds).toBeLessThan(10); // the deadline plus slack on a busy machine, never the minute

      proxy.flow();
      const again = await waitFor('the API to serve again', async () => {
        const r = await gql(api.url, query, {}, { bearer });
        return r.body.data?.customer ? r : undefined;
      });
      expect(again.body.errors).toBeUndefined();
    } finally {
      await api.close();
      await patient.close().catch(() => undefined);
    }
  });

  it('makes the processors fail the batch, commit nothing, and converge once it answers', async () => {
    const dbName = uniqueName('stall_proc');
    dbs.push(dbName);
    const topics = {
      crm: uniqueName('st_crm'),
      billing: uniqueName('st_billing'),
      oms: uniqueName('st_oms'),
    };
    const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
    await admin.connect();
    await admin.createTopics({
      topics: Object.values(topics).map((topic) => ({ topic })),
      waitForLeaders: true,
    });
    const errors: string[] = [];
    const pipeline = createTestPipeline({
      db: viaProxy.db(dbName),
      topics,
      log: (event, fields) => event === 'consumer-error' && errors.push(String(fields?.code)),
    });
    await pipeline.start();
    try {
      proxy.stall();
      await copyDemoEvents(topics);

      await waitFor('a failed batch', () => errors.length > 0 || undefined, { timeoutMs: 60_000 });
      expect(errors[0]).toBe('store-unavailable');
      for (const topic of Object.values(topics)) {
        const [committed] = await admin.fetchOffsets({ groupId: pipeline.groupId, topics: [topic] });
        expect(committed?.partitions.map((p) => p.offset)).toEqual(['-1']);
      }

      proxy.flow();
      const expected = JSON.stringify(await oracleView());
      const view = () => viewAsOracle(direct.db(dbName));
      await waitFor(
        'the view after the stall',
        async () => JSON.stringify(await view()) === expected || undefined,
        {
          timeoutMs: 120_000,
        },
      ).catch(async () => expect(await view()).toEqual(JSON.parse(expected)));
    } finally {
      await pipeline.stop();
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
