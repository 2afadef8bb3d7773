/**
 * The GraphQL API over HTTP on the real stack: every field, pagination edges, roles and masking,
 * authentication, round trips per page, and the pipeline report.
 */
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { seedView } from '../../bench/graphql-seed';
import { CUSTOMERS } from '../../src/store/customer-doc';
import { ORDERS } from '../../src/store/order-docs';
import { PROGRESS } from '../../src/store/progress-docs';
import { toGlobalId } from '../../src/graphql/global-id';
import { endpoints } from './support/endpoints';
import { codes, gql, startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';
import { uniqueName, waitFor } from './support/wait-for';

const ALL_FIELDS = /* GraphQL */ `
  query ($id: ID!) {
    customer(id: $id) {
      id
      crmId
      name
      email
      phone
      vipLevel
      openOrders
      lifetimeSpendFen
      lifetimeSpend {
        minorUnits
        currency
        amount
      }
      lastOrderAt
      updatedAt
      asOf
      status {
        value
        rule
        since
        explanation {
          system
          key
          rawValue
          meaning
          changedAt
        }
      }
      billingAccounts {
        id
        accountNo
        state
        rawValue
        rawState
        balance
        currentBalance {
          minorUnits
          currency
          amount
        }
        updatedAt
      }
      orders(first: 2) {
        totalCount
        edges {
          cursor
          node {
            id
            orderNo
            status
            rawValue
            rawState
            totalFen
            total {
              minorUnits
              currency
              amount
            }
            placedAt
            updatedAt
            customer {
              crmId
            }
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
    }
  }
`;

const PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $filter: CustomerFilter) {
    customers(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          crmId
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

type Page = {
  edges: { cursor: string; node: { crmId: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};

describe('GraphQL API: queries', () => {
  let api: TestApi;
  let url: string;
  let support: string;

  beforeAll(async () => {
    api = await startTestApi({ env: { GRAPHQL_JWT_SECRET: TEST_SECRET } });
    url = api.url;
    await seedView(api.db, { customers: 120, ordersPerCustomer: 3 });
    // An order whose buyer is not a CRM customer (yet).
    await api.db.collection(ORDERS).insertOne({
      _id: 'SO-ORPHAN',
      orderNo: 'SO-ORPHAN',
      custId: null,
      buyerCode: 'X1',
      status: 'UNKNOWN',
      rawState: 45,
      totalFen: '9007199254740993',
      placedAt: new Date('2026-01-02T00:00:00Z'),
      updatedAt: new Date('2026-01-02T00:00:00Z'),
      pos: '0',
      sourceTsMs: 0,
    } as never);
    support = await token(['support']);
  });
  afterAll(async () => api?.close());

  it('serves every field of a customer, its status explanation, accounts and orders', async () => {
    const r = await gql(url, ALL_FIELDS, { id: 'S000007' }, { bearer: support });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.customer).toEqual({
      id: toGlobalId('Customer', 'S000007'),
      crmId: 'S000007',
      name: 'Name 000007',
      email: ' User7@Example.CN ',
      phone: '13800000007',
      vipLevel: 1,
      openOrders: 1,
      lifetimeSpendFen: '7000000000000',
      lifetimeSpend: { minorUnits: '7000000000000', currency: 'CNY', amount: '70000000000.00' },
      lastOrderAt: '2026-01-01T00:07:00.000Z',
      updatedAt: '2026-01-01T00:07:00.000Z',
      asOf: '2026-01-01T00:07:00.000Z',
      status: {
        value: 'PROSPECT',
        rule: 'seeded PROSPECT',
        since: '2026-01-01T00:07:00.000Z',
        explanation: [
          {
            system: 'CRM',
            key: 'S000007',
            rawValue: 'A',
            meaning: 'ACTIVE',
            changedAt: '2026-01-01T00:07:00.000Z',
          },
        ],
      },
      billingAccounts: [
        {
          id: toGlobalId('BillingAccount', 'BA0000070'),
          accountNo: 'BA0000070',
          state: 'OPEN',
          rawValue: 'OPEN',
          rawState: 'OPEN',
          balance: '7.00',
          currentBalance: { minorUnits: '700', currency: 'CNY', amount: '7.00' },
          updatedAt: '2026-01-01T00:07:00.000Z',
        },
        {
          id: toGlobalId('BillingAccount', 'BA0000071'),
          accountNo: 'BA0000071',
          state: 'GRACE',
          rawValue: 'GRACE',
          rawState: 'GRACE',
          balance: '7.01',
          currentBalance: { minorUnits: '701', currency: 'CNY', amount: '7.01' },
          updatedAt: '2026-01-01T00:07:00.000Z',
        },
      ],
      orders: {
        totalCount: 3,
        edges: [
          {
            cursor: expect.any(String),
            node: {
              id: toGlobalId('Order', 'SOS000007002'),
              orderNo: 'SOS000007002',
              status: 'SHIPPED',
              rawValue: '12',
              rawState: 12,
              totalFen: '1002',
              total: { minorUnits: '1002', currency: 'CNY', amount: '10.02' },
              placedAt: '2026-01-01T02:07:00.000Z',
              updatedAt: '2026-01-01T02:07:00.000Z',
              customer: { crmId: 'S000007' },
            },
          },
          { cursor: expect.any(String), node: expect.objectContaining({ orderNo: 'SOS000007001' }) },
        ],
        pageInfo: {
          hasNextPage: true,
          hasPreviousPage: false,
          startCursor: expect.any(String),
          endCursor: expect.any(String),
        },
      },
    });
  });

  it('pages through a customer’s orders newest first and filters them by status', async () => {
    const q = `query ($after: String, $status: [OrderStatus!]) { customer(id: "S000007") {
      orders(first: 2, after: $after, status: $status) { edges { node { orderNo status } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await gql(url, q, {}, { bearer: support });
    const end = (first.body.data?.customer as { orders: { pageInfo: { endCursor: string } } }).orders.pageInfo
      .endCursor;
    const second = await gql(url, q, { after: end }, { bearer: support });
    expect(second.body.data?.customer).toEqual({
      orders: {
        edges: [{ node: { orderNo: 'SOS000007000', status: 'PENDING_PAYMENT' } }],
        pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      },
    });
    const paid = await gql(url, q, { status: ['PAID'] }, { bearer: support });
    expect(paid.body.data?.customer).toEqual({
      orders: {
        edges: [{ node: { orderNo: 'SOS000007001', status: 'PAID' } }],
        pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      },
    });
  });

  it('finds a customer by the key of each legacy system, and null for unknown keys', async () => {
    const q = `query ($system: SourceSystem!, $key: String!) { customerByRef(system: $system, key: $key) { crmId } }`;
    const by = async (system: string, key: string) =>
      (await gql(url, q, { system, key }, { bearer: support })).body.data?.customerByRef;
    expect(await by('CRM', 'S000005')).toEqual({ crmId: 'S000005' });
    expect(await by('BILLING', 'BA0000051')).toEqual({ crmId: 'S000005' });
    expect(await by('OMS', 'SOS000005001')).toEqual({ crmId: 'S000005' });
    expect(await by('OMS', 'SO-ORPHAN')).toBeNull();
    expect(await by('BILLING', 'nope')).toBeNull();
    expect((await gql(url, `{ customer(id: "nope") { id } }`, {}, { bearer: support })).body.data).toEqual({
      customer: null,
    });
  });

  it('serves an order alone, with a 64-bit total and no customer when the buyer is unknown', async () => {
    const r = await gql(
      url,
      `{ order(orderNo: "SO-ORPHAN") { orderNo status rawState totalFen customer { id } } }`,
      {},
      { bearer: support },
    );
    expect(r.body.data?.order).toEqual({
      orderNo: 'SO-ORPHAN',
      status: 'UNKNOWN',
      rawState: 45,
      totalFen: '9007199254740993',
      customer: null,
    });
    expect(
      (await gql(url, `{ order(orderNo: "none") { orderNo } }`, {}, { bearer: support })).body.data,
    ).toEqual({ order: null });
  });

  it('pages customers by keyset: first page, next pages, last page, past the end', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r = await gql(url, PAGE, { first: 50, after }, { bearer: support });
      const page = r.body.data?.customers as Page;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.crmId));
      pages += 1;
      if (!page.pageInfo.hasNextPage) {
        expect(page.edges).toHaveLength(20);
        after = page.pageInfo.endCursor;
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(120);
    const past = (await gql(url, PAGE, { first: 50, after }, { bearer: support })).body.data
      ?.customers as Page;
    expect(past).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it('keeps pages stable while writes insert and rewrite customers', async () => {
    const first = (await gql(url, PAGE, { first: 10 }, { bearer: support })).body.data?.customers as Page;
    // A rewrite of a seen customer and a new customer before the cursor: neither shifts the next page.
    await api.db
      .collection(CUSTOMERS)
      .updateOne({ _id: 'S000003' as never }, { $set: { updatedAt: new Date() } });
    await api.db.collection(CUSTOMERS).insertOne({
      ...(await api.db.collection(CUSTOMERS).findOne({ _id: 'S000001' as never })),
      _id: 'S000000A',
    } as never);
    const next = (await gql(url, PAGE, { first: 3, after: first.pageInfo.endCursor }, { bearer: support }))
      .body.data?.customers as Page;
    expect(next.edges.map((e) => e.node.crmId)).toEqual(['S000011', 'S000012', 'S000013']);
    await api.db.collection(CUSTOMERS).deleteOne({ _id: 'S000000A' as never });
    await api.db
      .collection(CUSTOMERS)
      .updateOne({ _id: 'S000003' as never }, { $set: { updatedAt: new Date('2026-01-01T00:03:00.000Z') } });
  });

  it('filters by status, VIP level, update time, email and name prefix', async () => {
    const ids = async (filter: Record<string, unknown>, first = 100) =>
      ((await gql(url, PAGE, { first, filter }, { bearer: support })).body.data?.customers as Page).edges.map(
        (e) => e.node.crmId,
      );
    const blocked = await ids({ status: ['BLOCKED', 'CLOSED'] });
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((id) => [5, 6].includes(Number(id.slice(1)) % 7))).toBe(true);
    const vip = await ids({ vipLevelAtLeast: 5 });
    expect(vip.length).toBe(20);
    expect(vip.every((id) => Number(id.slice(1)) % 6 === 5)).toBe(true);
    expect(await ids({ updatedAfter: '2026-01-01T01:55:00.000Z' })).toEqual(
      Array.from({ length: 5 }, (_, i) => `S0001${16 + i}`),
    );
    expect(await ids({ email: '  USER42@example.cn ' })).toEqual(['S000042']);
    expect(await ids({ namePrefix: 'NAME 00010' })).toEqual(
      Array.from({ length: 10 }, (_, i) => `S00010${i}`),
    );
    // Statuses cycle with n % 7 (ACTIVE = 1), VIP levels with n % 6; every condition must hold.
    const combined = Array.from({ length: 99 }, (_, i) => i + 1)
      .filter((n) => n % 7 === 1 && n % 6 >= 3)
      .map((n) => `S${String(n).padStart(6, '0')}`);
    expect(await ids({ status: ['ACTIVE'], vipLevelAtLeast: 3, namePrefix: 'name 0000' })).toEqual(combined);
    const blank = await gql(url, PAGE, { filter: { email: '  ' } }, { bearer: support });
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects a bad cursor and a page beyond the cap with BAD_USER_INPUT', async () => {
    const bad = await gql(url, PAGE, { after: 'not-a-cursor' }, { bearer: support });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const orderCursorForCustomers = await gql(
      url,
      PAGE,
      { after: Buffer.from('["order",1,"x"]').toString('base64url') },
      { bearer: support },
    );
    expect(codes(orderCursorForCustomers)).toEqual(['BAD_USER_INPUT']);
    const over = await gql(url, PAGE, { first: 101 }, { bearer: support });
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.body.errors?.[0]?.message).toContain('at most 100');
    const negative = await gql(url, PAGE, { first: -1 }, { bearer: support });
    expect(codes(negative)).toEqual(['BAD_USER_INPUT']);
  });

  it('masks email and phone for agents, shows them whole to support and service', async () => {
    const q = `{ customer(id: "S000007") { email phone } }`;
    const as = async (roles: string[]) =>
      (await gql(url, q, {}, { bearer: await token(roles) })).body.data?.customer;
    expect(await as(['agent'])).toEqual({ email: 'u***@example.cn', phone: '138****0007' });
    expect(await as(['support'])).toEqual({ email: ' User7@Example.CN ', phone: '13800000007' });
    expect(await as(['service'])).toEqual({ email: ' User7@Example.CN ', phone: '13800000007' });
    expect(await as(['agent', 'support'])).toEqual({ email: ' User7@Example.CN ', phone: '13800000007' });
  });

  it('answers 401 UNAUTHENTICATED without a token or with a bad, foreign or expired one', async () => {
    const q = `{ customer(id: "S000007") { id } }`;
    const none = await gql(url, q);
    expect(none.status).toBe(401);
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    for (const bearer of [
      'garbage',
      await token(['support'], { secret: 'another-secret-that-is-long-enough-000000' }),
      await token(['support'], { expiresIn: '-1m' }),
    ]) {
      const r = await gql(url, q, {}, { bearer });
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('answers 403 FORBIDDEN for a token without a known role, and for agents asking for the pipeline', async () => {
    const noRole = await gql(
      url,
      `{ customer(id: "S000001") { id } }`,
      {},
      { bearer: await token(['admin']) },
    );
    expect(noRole.status).toBe(403);
    expect(codes(noRole)).toEqual(['FORBIDDEN']);
    const agent = await gql(url, `{ pipeline { checkedAt } }`, {}, { bearer: await token('agent') });
    expect(codes(agent)).toEqual(['FORBIDDEN']);
  });

  it('masks unexpected errors and logs them', async () => {
    await api.db.collection(CUSTOMERS).insertOne({ _id: 'BROKEN', status: { value: 'ACTIVE' } } as never);
    const r = await gql(url, `{ customer(id: "BROKEN") { lifetimeSpendFen } }`, {}, { bearer: support });
    expect(r.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(r.body)).not.toContain('BigInt');
    expect(api.logs.some((l) => l.event === 'graphql-error')).toBe(true);
    await api.db.collection(CUSTOMERS).deleteOne({ _id: 'BROKEN' as never });
  });

  it('reads a page of 50 customers with orders and billing accounts in at most 3 round trips', async () => {
    const monitored = new MongoClient(endpoints.MONGO_URL, { monitorCommands: true });
    const counted = await startTestApi({
      db: monitored.db(api.db.databaseName),
      env: { GRAPHQL_JWT_SECRET: TEST_SECRET },
    });
    const commands: string[] = [];
    const listener = (e: CommandStartedEvent) => commands.push(e.commandName);
    monitored.on('commandStarted', listener);
    try {
      const q = `{ customers(first: 50) { edges { node { id orders(first: 10) { edges { node { orderNo totalFen customer { id } } } }
        billingAccounts { accountNo state } } } } }`;
      const r = await gql(counted.url, q, {}, { bearer: support });
      const edges = (
        r.body.data?.customers as {
          edges: { node: { orders: { edges: unknown[] }; billingAccounts: unknown[] } }[];
        }
      ).edges;
      expect(edges).toHaveLength(50);
      expect(edges.every((e) => e.node.orders.edges.length === 3 && e.node.billingAccounts.length >= 1)).toBe(
        true,
      );
      expect(commands.length).toBeLessThanOrEqual(3);
      expect(commands).toEqual(['find', 'find']);
    } finally {
      monitored.off('commandStarted', listener);
      await counted.close();
      await monitored.close();
    }
  });

  it('reports freshness: per-system lag, connectors and the consumer group', async () => {
    const lastEventAt = new Date(Date.now() - 5_000);
    await api.db.collection(PROGRESS).insertOne({
      _id: 'CRM',
      topic: 'crm.crm.customers',
      lastEventAt,
      lastAppliedAt: new Date(),
    } as never);
    const bearer = await token('service');
    const read = () =>
      gql(
        url,
        `{ pipeline { checkedAt systems { system topic lastEventAt lastAppliedAt lagMs consumerLag
          connector { name state error tasks { id state workerId } } }
        consumerGroup { groupId totalLag error partitions { topic partition committedOffset endOffset lag } } } }`,
        {},
        { bearer },
      );
    // On a fresh stack the connectors may still be creating their topics or starting their tasks.
    const r = await waitFor('connectors running and their topics readable', async () => {
      const res = await read();
      const text = JSON.stringify(res.body);
      return !text.includes('"error":"') && !/"state":"(?!RUNNING)/.test(text) ? res : undefined;
    }).catch(read);
    expect(r.body.errors).toBeUndefined();
    const p = r.body.data?.pipeline as {
      systems: {
        system: string;
        lagMs: number | null;
        lastEventAt: string | null;
        connector: { state: string; tasks: unknown[] };
      }[];
      consumerGroup: {
        groupId: string;
        totalLag: string | null;
        error: string | null;
        partitions: { topic: string }[];
      };
    };
    expect(p.systems.map((s) => s.system)).toEqual(['CRM', 'BILLING', 'OMS']);
    const crm = p.systems[0];
    expect(crm?.lastEventAt).toBe(lastEventAt.toISOString());
    expect(crm?.lagMs).toBeGreaterThanOrEqual(5_000);
    expect(p.systems[1]?.lagMs).toBeNull();
    // The stack registers the three demo connectors and runs them.
    for (const s of p.systems) {
      expect(s.connector.state).toBe('RUNNING');
      expect(s.connector.tasks.length).toBeGreaterThan(0);
    }
    expect(p.consumerGroup.groupId).toBe('customer-state-view');
    expect(p.consumerGroup.error).toBeNull();
    expect(BigInt(p.consumerGroup.totalLag as string)).toBeGreaterThanOrEqual(0n);
    expect(p.consumerGroup.partitions.map((x) => x.topic)).toEqual(
      expect.arrayContaining(['crm.crm.customers', 'billing.public.accounts', 'oms.public.orders']),
    );
  });
});

describe('GraphQL API: demo mode without auth', () => {
  it('admits loopback requests as support and warns at startup', async () => {
    const api = await startTestApi();
    try {
      await seedView(api.db, { customers: 1, ordersPerCustomer: 0, idPrefix: uniqueName('D') });
      expect(api.logs.find((l) => l.event === 'graphql-warning')?.fields.note).toContain(
        'admitted as support',
      );
      const r = await gql(
        api.url,
        `{ customers(first: 1) { edges { node { email } } } pipeline { checkedAt } }`,
      );
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect(JSON.stringify(r.body.data)).toContain('@Example.CN');
    } finally {
      await api.close();
    }
  });
});
