/**
 * `Customer.statusHistory` through the real pipeline: CRM changes in MariaDB flow through Debezium and
 * the processors, and the API shows each status change, newest first, with its rule and evidence. A
 * second consumer group then replays every topic from the beginning into the same view (duplicates
 * of everything): the history stays exactly as it was. Private legacy copies, topics, groups and
 * MongoDB database.
 */
import { MongoClient } from 'mongodb';
import { createAdmin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { gql, startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';
import { createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { createTestPipeline } from './support/pipeline';
import { uniqueName, waitFor } from './support/wait-for';

const HISTORY = `query ($id: ID!, $first: Int, $after: String) {
  customer(id: $id) {
    status { value }
    statusHistory(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        version status previousStatus rule evidenceCount
        evidence { system key rawValue meaning }
        since committedAt recordedAt codeMapsVersion
      } }
    }
  }
}`;

interface Change {
  version: number;
  status: string;
  previousStatus: string | null;
  rule: string;
  evidenceCount: number;
  evidence: { system: string; key: string; rawValue: string; meaning: string }[];
  since: string | null;
  committedAt: string;
  recordedAt: string;
  codeMapsVersion: number;
}
interface HistoryPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Change }[];
}

describe('status history end to end', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('history'));
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: uniqueName('history-admin') });
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;
  let api: TestApi | undefined;
  let bearer = '';

  const history = async (vars: { first?: number; after?: string | null } = {}) => {
    const r = await gql((api as TestApi).url, HISTORY, { id: '1001', ...vars }, { bearer });
    expect(r.body.errors).toBeUndefined();
    return (r.body.data as { customer: { statusHistory: HistoryPage } }).customer.statusHistory;
  };
  const topics = () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    return { crm: crm.topic, billing: billing.topic, oms: oms.topic };
  };

  beforeAll(async () => {
    await admin.connect();
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
    pipeline = createTestPipeline({ db, topics: topics() });
    await pipeline.start();
    await waitFor(
      'the sample customers in the view',
      async () => (await db.collection('customers').countDocuments()) >= 10,
      { timeoutMs: 90_000 },
    );
    api = await startTestApi({ db, env: { GRAPHQL_JWT_SECRET: TEST_SECRET } });
    bearer = await token('agent');
  });
  afterAll(async () => {
    await api?.close();
    await pipeline?.stop();
    await admin.disconnect();
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('shows a freeze and an unfreeze of a CRM row as two changes, newest first, with their rules', async () => {
    const first = await history();
    expect(first.totalCount).toBe(1);
    expect(first.edges[0]?.node).toMatchObject({ status: 'ACTIVE', previousStatus: null });

    const crm = copies[0] as LegacyCopy;
    await sql('crm', crm.db, "UPDATE customers SET cust_status = 'F' WHERE cust_id = 1001");
    await waitFor('the freeze in the history', async () => (await history()).totalCount === 2, {
      timeoutMs: 90_000,
    });
    await sql('crm', crm.db, "UPDATE customers SET cust_status = 'A' WHERE cust_id = 1001");
    await waitFor('the unfreeze in the history', async () => (await history()).totalCount === 3, {
      timeoutMs: 90_000,
    });

    const h = await history();
    const nodes = h.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.previousStatus, n.status])).toEqual([
      ['BLOCKED', 'ACTIVE'],
      ['ACTIVE', 'BLOCKED'],
      [null, 'ACTIVE'],
    ]);
    expect(nodes[0]?.rule).toMatch(/^5 ACTIVE: CRM code A/);
    expect(nodes[1]?.rule).toMatch(/^1 BLOCKED: CRM code F/);
    expect(nodes[1]?.evidence).toEqual([{ system: 'CRM', key: '1001', rawValue: 'F', meaning: 'FROZEN' }]);
    expect(nodes[1]?.evidenceCount).toBe(1);
    // Newest first by the revision that made each change; the times agree with that order.
    const versions = nodes.map((n) => n.version);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    const recorded = nodes.map((n) => Date.parse(n.recordedAt));
    expect(recorded).toEqual([...recorded].sort((a, b) => b - a));
    expect(Date.parse(nodes[0]?.committedAt as string)).toBeGreaterThan(
      Date.parse(nodes[2]?.committedAt as string),
    );

    // Paged one at a time, the same three changes.
    const paged: Change[] = [];
    let after: string | null = null;
    do {
      const page: HistoryPage = await history({ first: 1, after });
      paged.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(nodes);
  });

  it('stays the same when every topic is consumed again from the beginning into the same view', async () => {
    const before = await history();
    await pipeline?.stop();
    const groupId = uniqueName('history_replay');
    pipeline = createTestPipeline({ db, topics: topics(), groupId });
    await pipeline.start();
    const caughtUp = async () => {
      for (const topic of Object.values(topics())) {
        const [ends, committed] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        const done = ends.every(
          (e) => committed[0]?.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
        );
        if (!done) return false;
      }
      return true;
    };
    await waitFor('the replaying group at the end of every topic', caughtUp, { timeoutMs: 90_000 });
    expect(await history()).toEqual(before);
  });
});
