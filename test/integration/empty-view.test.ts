/**
 * A view lost while Kafka kept the group's offsets (a wiped or new database): the processors notice
 * the empty view at start, rewind the group, and rebuild the whole view from the topics.
 */
import { MongoClient } from 'mongodb';
import { createAdmin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { uniqueName, waitFor } from './support/wait-for';

describe('an empty view with committed offsets', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const groupId = uniqueName('csv_empty');
  const first = client.db(uniqueName('view_a'));
  const second = client.db(uniqueName('view_b'));

  afterAll(async () => {
    await first.dropDatabase();
    await second.dropDatabase();
    await client.close();
  });

  it('is rebuilt from the start of the topics', async () => {
    const expected = JSON.stringify(await oracleView());
    const matches = (db: typeof first) => async () =>
      JSON.stringify(await viewAsOracle(db)) === expected || undefined;

    const a = createTestPipeline({ db: first, groupId });
    await a.start();
    await waitFor('the first view', matches(first), { timeoutMs: 90_000 });
    await a.stop();
    // The topics whose progress the group kept (a batch still in flight at stop commits nothing).
    const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
    await admin.connect();
    const committed: string[] = [];
    for (const topic of ['billing.public.accounts', 'crm.crm.customers', 'oms.public.orders']) {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      if (t?.partitions.some((p) => p.offset !== '-1')) committed.push(topic);
    }
    await admin.disconnect();
    expect(committed.length).toBeGreaterThan(0);

    const replays: string[] = [];
    const b = createTestPipeline({
      db: second,
      groupId,
      log: (event, fields) => event === 'replay' && replays.push(String(fields?.topic)),
    });
    await b.start();
    try {
      await waitFor('the rebuilt view', matches(second), { timeoutMs: 90_000 }).catch(async () =>
        expect(await viewAsOracle(second)).toEqual(JSON.parse(expected)),
      );
      expect(replays.sort()).toEqual(committed);
    } finally {
      await b.stop();
    }
  });
});
