/**
 * Subscriptions on the real stack: Avro events produced to a private customer-state.v1 topic reach
 * subscribers over SSE and graphql-ws, filtered by customer and status, with the customer resolved
 * from the view and masked for agents. The feed starts at the latest offset, so each test publishes
 * until its subscriber has seen an event (polling, not sleeping) with growing versions.
 */
import { toGlobalId } from '../../src/graphql/global-id';
import { seedView } from '../../bench/graphql-seed';
import {
  createStateTopic,
  sseSubscribe,
  wsClient,
  wsSubscribe,
  type Received,
  type StatusEventInput,
} from './support/graphql-clients';
import { startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';
import { uniqueName, waitFor } from './support/wait-for';

const SUB = /* GraphQL */ `
  subscription ($customerId: ID, $status: [CustomerStatus!]) {
    customerStatusChanged(customerId: $customerId, status: $status) {
      customerId
      version
      status
      previousStatus
      rule
      since
      removed
      changedAt
      customer {
        crmId
        name
        email
      }
    }
  }
`;

type Change = { customerId: string; version: number; status: string; customer: { email: string } | null };
const changes = (r: Received) =>
  r.events.map((e) => (e as { data?: { customerStatusChanged: Change } }).data?.customerStatusChanged);

describe('GraphQL API: subscriptions', () => {
  const topic = uniqueName('customer_state_test');
  let api: TestApi;
  let state: Awaited<ReturnType<typeof createStateTopic>>;
  let version = 1;

  /** Publishes until `received` holds: the feed only sees what arrives after it reached the end. */
  async function publishUntil(
    what: string,
    event: Omit<StatusEventInput, 'version'>,
    received: () => boolean,
  ) {
    await waitFor(
      what,
      async () => {
        if (received()) return true;
        await state.publish({ ...event, version: version++ });
        return false;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }

  beforeAll(async () => {
    state = await createStateTopic(topic);
    api = await startTestApi({ env: { GRAPHQL_JWT_SECRET: TEST_SECRET }, statusTopic: topic });
    await seedView(api.db, { customers: 3, ordersPerCustomer: 0 });
    await waitFor('the feed to join its group', () => api.server.feed.ready());
  });
  afterAll(async () => {
    await api?.close();
    await state?.drop();
  });

  it('filters by a Customer global id as by the CRM cust_id', async () => {
    const sub = await sseSubscribe(
      api.url,
      SUB,
      { customerId: toGlobalId('Customer', 'S000003') },
      await token('support'),
    );
    try {
      await state.publish({ customerId: 'S000002', version: version++, status: 'CLOSED' });
      await publishUntil(
        'an SSE event for S000003',
        { customerId: 'S000003', status: 'CLOSED' },
        () => sub.events.length > 0,
      );
      expect(changes(sub).map((c) => c?.customerId)).toEqual(changes(sub).map(() => 'S000003'));
    } finally {
      await sub.close();
    }
  });

  it('delivers changes over SSE, filtered by customer, with the customer masked for agents', async () => {
    const sub = await sseSubscribe(api.url, SUB, { customerId: 'S000001' }, await token('agent'));
    try {
      expect(sub.status).toBe(200);
      await state.publish({ customerId: 'S000002', version: version++, status: 'BLOCKED' });
      await publishUntil(
        'an SSE event',
        { customerId: 'S000001', status: 'BLOCKED' },
        () => sub.events.length > 0,
      );
      const got = changes(sub);
      expect(got.every((c) => c?.customerId === 'S000001')).toBe(true);
      expect(got[0]).toMatchObject({
        customerId: 'S000001',
        status: 'BLOCKED',
        previousStatus: null,
        rule: 'test BLOCKED',
        removed: false,
        customer: { crmId: 'S000001', name: 'Name 000001', email: 'u***@example.cn' },
      });
    } finally {
      await sub.close();
    }
  });

  it('rejects an SSE subscription without a token', async () => {
    const sub = await sseSubscribe(api.url, SUB, {});
    expect(sub.status).toBe(401);
    await sub.close();
  });

  it('delivers changes over graphql-ws, filtered by status, and drops stale versions', async () => {
    const client = wsClient(api.url, await token('support'));
    const sub = wsSubscribe(client, SUB, { status: ['SUSPENDED'] });
    try {
      await publishUntil(
        'a graphql-ws event',
        { customerId: 'S000003', status: 'SUSPENDED' },
        () => sub.events.length > 0,
      );
      expect(sub.errors).toEqual([]);
      expect(changes(sub)[0]).toMatchObject({
        customerId: 'S000003',
        status: 'SUSPENDED',
        customer: { email: ' User3@Example.CN ' },
      });
      const seen = sub.events.length;
      // Another status is filtered out; a redelivered (older) version is dropped.
      await state.publish({ customerId: 'S000002', version: version++, status: 'ACTIVE' });
      await state.publish({ customerId: 'S000003', version: 1, status: 'SUSPENDED' });
      await publishUntil('the next event', { customerId: 'S000002', status: 'SUSPENDED' }, () =>
        changes(sub).some((c) => c?.customerId === 'S000002'),
      );
      const after = changes(sub).slice(seen);
      expect(after.every((c) => c?.status === 'SUSPENDED' && c.customerId === 'S000002')).toBe(true);
    } finally {
      await sub.close();
      await client.dispose();
    }
  });

  it('closes a graphql-ws connection that brings no valid token', async () => {
    const client = wsClient(api.url, 'not-a-token');
    const sub = wsSubscribe(client, SUB, {});
    try {
      await waitFor('the connection to be refused', () => sub.errors.length > 0);
      expect(String((sub.errors[0] as { code?: number }).code)).toBe('4403');
    } finally {
      await sub.close();
      await client.dispose();
    }
  });
});
