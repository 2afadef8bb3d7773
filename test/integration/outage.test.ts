/**
 * MongoDB goes away while events wait: the processors must not commit past what they could not
 * write, must keep retrying with back-off, and must converge once MongoDB is back. The outage is a
 * TCP proxy in front of the shared MongoDB-wire server, cut and restored by the test.
 */
import { MongoClient } from 'mongodb';
import { createAdmin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { copyDemoEvents } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

describe('MongoDB outage while events wait', () => {
  const mongo = new URL(endpoints.MONGO_URL);
  const dbName = uniqueName('outage');
  const topics = {
    crm: uniqueName('out_crm'),
    billing: uniqueName('out_billing'),
    oms: uniqueName('out_oms'),
  };
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  let proxy: TcpProxy;
  let viaProxy: MongoClient;
  const direct = new MongoClient(endpoints.MONGO_URL);

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: mongo.hostname, port: Number(mongo.port) });
    // Short timeouts so the outage surfaces as errors within the test's time, not after 30 s.
    viaProxy = new MongoClient(
      `mongodb://127.0.0.1:${proxy.port}/?maxPoolSize=20&serverSelectionTimeoutMS=1500&directConnection=true`,
    );
    await admin.connect();
    await admin.createTopics({
      topics: Object.values(topics).map((topic) => ({ topic })),
      waitForLeaders: true,
    });
  });
  afterAll(async () => {
    await viaProxy.close().catch(() => undefined);
    await proxy.close();
    await direct.db(dbName).dropDatabase();
    await direct.close();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('commits nothing while MongoDB is down, then converges when it is back', async () => {
    const errors: string[] = [];
    const pipeline = createTestPipeline({
      db: viaProxy.db(dbName),
      topics,
      log: (event, fields) => event === 'consumer-error' && errors.push(String(fields?.error)),
    });
    await pipeline.start();
    try {
      await proxy.cut();
      // The demo topics' events, copied onto the private topics only now: they wait for MongoDB.
      await copyDemoEvents(topics);

      await waitFor('a failed batch', () => errors.length > 0 || undefined, { timeoutMs: 60_000 });
      for (const topic of Object.values(topics)) {
        const [committed] = await admin.fetchOffsets({ groupId: pipeline.groupId, topics: [topic] });
        expect(committed?.partitions.map((p) => p.offset)).toEqual(['-1']);
      }

      await proxy.restore();
      const expected = JSON.stringify(await oracleView());
      const view = () => viewAsOracle(direct.db(dbName));
      await waitFor(
        'the view after the outage',
        async () => JSON.stringify(await view()) === expected || undefined,
        {
          timeoutMs: 120_000,
        },
      ).catch(async () => expect(await view()).toEqual(JSON.parse(expected)));
    } finally {
      await pipeline.stop();
    }
  });
});
