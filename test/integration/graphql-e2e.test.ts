/**
 * End to end on the real stack: a change made in a legacy database flows through Debezium, the
 * processors and customer-state.v1 to clients subscribed over SSE and graphql-ws, and the pipeline
 * query reports the private connectors and the view's progress. Private database copies, topics,
 * group and MongoDB database.
 */
import { MongoClient } from 'mongodb';
import { createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { createTestPipeline } from './support/pipeline';
import { endpoints } from './support/endpoints';
import { sseSubscribe, wsClient, wsSubscribe } from './support/graphql-clients';
import { gql, startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';
import { uniqueName, waitFor } from './support/wait-for';

const SUB = `subscription ($id: ID) { customerStatusChanged(customerId: $id) {
  customerId status previousStatus rule customer { status { value rule } } } }`;

describe('GraphQL API end to end: a legacy change reaches subscribers', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('gql_e2e'));
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;
  let api: TestApi | undefined;

  beforeAll(async () => {
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    pipeline = createTestPipeline({ db, topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic } });
    await pipeline.start();
    await waitFor(
      'the sample customers in the view',
      async () => (await db.collection('customers').countDocuments()) >= 10,
      { timeoutMs: 90_000 },
    );
    api = await startTestApi({
      db,
      env: { GRAPHQL_JWT_SECRET: TEST_SECRET },
      statusTopic: pipeline.stateTopic,
      pipeline: {
        groupId: pipeline.groupId,
        systems: {
          CRM: { topic: crm.topic, connector: crm.connector },
          BILLING: { topic: billing.topic, connector: billing.connector },
          OMS: { topic: oms.topic, connector: oms.connector },
        },
      },
    });
    await waitFor('the API feed to reach the end of the topic', () => api?.server.feed.ready(), {
      timeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await api?.close();
    await pipeline?.stop();
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('delivers a CRM freeze of customer 1001 as BLOCKED over SSE and graphql-ws', async () => {
    const bearer = await token('support');
    const url = (api as TestApi).url;
    const before = await gql(url, `{ customer(id: "1001") { status { value } } }`, {}, { bearer });
    expect(before.body.data).toEqual({ customer: { status: { value: 'ACTIVE' } } });

    const sse = await sseSubscribe(url, SUB, { id: '1001' }, bearer);
    const ws = wsClient(url, bearer);
    const wsSub = wsSubscribe(ws, SUB, { id: '1001' });
    try {
      // The graphql-ws subscription is live once its connection acknowledged; a ping proves it.
      await waitFor('the graphql-ws connection', async () => {
        const r = await new Promise<boolean>((resolve) => {
          const d = ws.subscribe(
            { query: '{ customer(id: "1001") { id } }' },
            { next: () => resolve(true), error: () => resolve(false), complete: () => d() },
          );
        });
        return r;
      });
      const crm = copies[0] as LegacyCopy;
      await sql('crm', crm.db, "UPDATE customers SET cust_status = 'F' WHERE cust_id = 1001");

      const expected = {
        data: {
          customerStatusChanged: {
            customerId: '1001',
            status: 'BLOCKED',
            previousStatus: 'ACTIVE',
            rule: expect.stringContaining('BLOCKED'),
            customer: { status: { value: 'BLOCKED', rule: expect.stringContaining('frozen') } },
          },
        },
      };
      await waitFor('the SSE event', () => sse.events.length > 0, { timeoutMs: 90_000 });
      await waitFor('the graphql-ws event', () => wsSub.events.length > 0, { timeoutMs: 30_000 });
      expect(sse.events[0]).toEqual(expected);
      expect(wsSub.events[0]).toEqual(expected);
    } finally {
      await sse.close();
      await wsSub.close();
      await ws.dispose();
    }
  });

  it('reports the private connectors running and the view’s progress per system', async () => {
    const r = await gql(
      (api as TestApi).url,
      `{ pipeline { systems { system lastEventAt lagMs consumerLag connector { name state } }
         consumerGroup { groupId totalLag error } } }`,
      {},
      { bearer: await token('service') },
    );
    expect(r.body.errors).toBeUndefined();
    const p = r.body.data?.pipeline as {
      systems: {
        system: string;
        lastEventAt: string | null;
        lagMs: number | null;
        consumerLag: string | null;
        connector: { name: string; state: string };
      }[];
      consumerGroup: { groupId: string; totalLag: string | null; error: string | null };
    };
    expect(p.consumerGroup).toMatchObject({ groupId: pipeline?.groupId, error: null });
    expect(p.systems.map((s) => [s.system, s.connector])).toEqual(
      copies.map((c, i) => [['CRM', 'BILLING', 'OMS'][i], { name: c.connector, state: 'RUNNING' }]),
    );
    for (const s of p.systems) {
      expect(s.lastEventAt).not.toBeNull();
      expect(s.lagMs).toBeGreaterThanOrEqual(0);
      expect(s.consumerLag).not.toBeNull();
    }
  });
});
