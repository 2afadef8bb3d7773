/**
 * `customer-view backfill rebuild` and `rollback` on the real stack, while the live processors run
 * and GraphQL is queried without pause: private copies of the legacy databases, their connectors and
 * topics; the rebuild replays the topics into a new generation, verifies it against the sources and
 * switches; a change made during the rebuild and one made after the switch both reach the new
 * generation; not one query fails or misses a customer. The rollback catches the old generation up
 * from the switch and switches back, again without a failed query.
 */
import { MongoClient } from 'mongodb';
import { legacyUrl } from '../../harness/legacy/legacy-db';
import { childEnv } from '../../src/config/endpoints';
import { readGeneration } from '../../src/store/view-generations';
import { endpoints } from './support/endpoints';
import { gql, startTestApi, type TestApi } from './support/graphql-server';
import { createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { runCli } from './support/run-cli';
import { uniqueName, waitFor } from './support/wait-for';

const QUERY = /* GraphQL */ `
  query {
    customers(first: 50) {
      edges {
        node {
          id
          name
          status {
            value
          }
        }
      }
    }
  }
`;

describe('backfill rebuild and rollback while GraphQL answers', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const base = client.db(uniqueName('rebuild'));
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;
  let api: TestApi | undefined;

  beforeAll(async () => {
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
  });
  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await pipeline?.stop().catch(() => undefined);
    for (const c of copies) await c.drop().catch(() => undefined);
    for (const name of [base.databaseName, `${base.databaseName}_g1`])
      await client
        .db(name)
        .dropDatabase()
        .catch(() => undefined);
    await client.close();
  });

  it('switches to a rebuilt generation and back with no failed query and no lost change', async () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    const legacy = { crm: crm.db, billing: billing.db, oms: oms.db };
    pipeline = createTestPipeline({
      db: base,
      topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic },
    });
    await pipeline.start();
    // A client querying without pause: the per-token rate limit must not be what this test measures.
    api = await startTestApi({ db: base, overrides: { GRAPHQL_RATE_LIMIT_PER_MINUTE: 1_000_000 } });
    const viewMatches = async (dbName: string) => {
      const expected = await oracleView(legacy);
      await waitFor(
        `${dbName} to match the oracle`,
        async () =>
          JSON.stringify(await viewAsOracle(client.db(dbName))) === JSON.stringify(expected) || undefined,
        { timeoutMs: 120_000 },
      );
    };
    await viewMatches(base.databaseName);
    const customers = Object.keys(await oracleView(legacy)).length;

    // Queries without pause from here on: every answer must be whole.
    const failures: string[] = [];
    let queries = 0;
    let querying = true;
    const load = (async () => {
      while (querying) {
        const r = await gql(api!.url, QUERY).catch((e: unknown) => ({
          status: 0,
          body: { errors: [{ message: String(e) }] },
        }));
        queries += 1;
        const edges = (r.body as { data?: { customers?: { edges?: unknown[] } } }).data?.customers?.edges;
        if (r.status !== 200 || r.body.errors || edges?.length !== customers)
          failures.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const env = childEnv(endpoints, {
      MONGO_DB: base.databaseName,
      PROCESSOR_GROUP_ID: pipeline.groupId,
      STATE_TOPIC: pipeline.stateTopic,
      DLQ_TOPIC: pipeline.dlqTopic,
      CRM_TOPIC: crm.topic,
      BILLING_TOPIC: billing.topic,
      OMS_TOPIC: oms.topic,
      CRM_MARIADB_URL: legacyUrl(endpoints, 'crm', crm.db),
      BILLING_PG_URL: legacyUrl(endpoints, 'billing', billing.db),
      OMS_PG_URL: legacyUrl(endpoints, 'oms', oms.db),
    });
    const cli = (...args: string[]) => runCli(['backfill', ...args], env);

    expect((await cli('rebuild')).stdout).toContain('Add --yes');
    const rebuilding = cli('rebuild', '--yes', '--grace', '3', '--json');
    // A change while the rebuild runs: it must be in the new generation whenever it lands.
    await sql(
      'crm',
      crm.db,
      "UPDATE customers SET cust_name = 'Renamed During Rebuild' WHERE cust_id = 1002",
    );
    const rebuilt = await rebuilding;
    expect(rebuilt.stderr).not.toMatch(/error/i);
    expect(rebuilt.status).toBe(0);
    const result = JSON.parse(rebuilt.stdout) as { switched: boolean; drift: { drifted: string[] } };
    expect(result.switched).toBe(true);
    expect(result.drift.drifted).toEqual([]);
    const g1 = `${base.databaseName}_g1`;
    expect(await readGeneration(base)).toMatchObject({ db: g1, seq: 1, previous: base.databaseName });

    // After the switch the live processors write the new generation.
    await sql('crm', crm.db, "UPDATE customers SET cust_status = 'F' WHERE cust_id = 1003");
    await viewMatches(g1);
    // And the API reads it: a mark written into the old generation only is not served.
    const old = base.collection<{ _id: string; name: string }>('customers');
    const before = await old.findOne({ _id: '1004' });
    await old.updateOne({ _id: '1004' }, { $set: { name: 'Old Generation' } });
    const one = await gql(api.url, '{ customer(id: "1004") { name } }');
    expect(one.body.errors).toBeUndefined();
    expect((one.body.data?.customer as { name: string }).name).toBe(before?.name);
    await old.updateOne({ _id: '1004' }, { $set: { name: before?.name ?? '' } });

    // Rollback: the old generation missed the change after the switch; it is caught up first.
    await sql(
      'crm',
      crm.db,
      "UPDATE customers SET cust_name = 'Renamed Before Rollback' WHERE cust_id = 1005",
    );
    const rolledBack = await cli('rollback', '--yes', '--grace', '3');
    expect(rolledBack.stderr).not.toMatch(/error/i);
    expect(rolledBack.status).toBe(0);
    expect(await readGeneration(base)).toMatchObject({ db: base.databaseName, seq: 2, previous: g1 });
    await viewMatches(base.databaseName);

    querying = false;
    await load;
    expect(queries).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    const generations = await cli('generations', '--json');
    expect(JSON.parse(generations.stdout)).toMatchObject({ live: { db: base.databaseName }, job: null });
  }, 420_000);
});
