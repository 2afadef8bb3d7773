/**
 * The Relay side of the API over HTTP on the real stack: global ids with node/nodes, connections in
 * both directions with totalCount, and a nested field that fails without nulling its parent.
 */
import { seedView } from '../../bench/graphql-seed';
import { toGlobalId } from '../../src/graphql/global-id';
import { CUSTOMERS } from '../../src/store/customer-doc';
import { codes, gql, startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';

type PageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};
type Page = { totalCount?: number; edges: { node: { crmId: string } }[]; pageInfo: PageInfo };

const PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $last: Int, $before: String, $filter: CustomerFilter) {
    customers(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      totalCountExact
      edges {
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

describe('GraphQL API: Relay', () => {
  let api: TestApi;
  let bearer: string;
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gql(api.url, query, variables, { bearer });
    return r;
  };
  const page = async (variables: Record<string, unknown>) => {
    const r = await ask(PAGE, variables);
    expect(r.body.errors).toBeUndefined();
    return r.body.data?.customers as Page;
  };

  beforeAll(async () => {
    api = await startTestApi({ env: { GRAPHQL_JWT_SECRET: TEST_SECRET, GRAPHQL_MAX_COUNT: '30' } });
    await seedView(api.db, { customers: 45, ordersPerCustomer: 5 });
    bearer = await token('support');
  });
  afterAll(async () => api?.close());

  it('refetches customers, orders and billing accounts by global id, one by one and in a batch', async () => {
    const q = `query ($id: ID!) { node(id: $id) { id __typename
      ... on Customer { crmId } ... on Order { orderNo } ... on BillingAccount { accountNo state } } }`;
    const customer = toGlobalId('Customer', 'S000007');
    expect((await ask(q, { id: customer })).body.data?.node).toEqual({
      id: customer,
      __typename: 'Customer',
      crmId: 'S000007',
    });
    const order = toGlobalId('Order', 'SOS000007001');
    expect((await ask(q, { id: order })).body.data?.node).toEqual({
      id: order,
      __typename: 'Order',
      orderNo: 'SOS000007001',
    });
    const account = toGlobalId('BillingAccount', 'BA0000071');
    expect((await ask(q, { id: account })).body.data?.node).toEqual({
      id: account,
      __typename: 'BillingAccount',
      accountNo: 'BA0000071',
      state: 'GRACE',
    });
    for (const missing of [toGlobalId('Customer', 'nope'), toGlobalId('BillingAccount', 'nope'), 'garbage'])
      expect((await ask(q, { id: missing })).body).toEqual({ data: { node: null } });

    const many = await ask(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { crmId } } }`, {
      ids: [customer, 'garbage', toGlobalId('Customer', 'S000008'), order],
    });
    expect(many.body.data?.nodes).toEqual([
      { id: customer, crmId: 'S000007' },
      null,
      { id: toGlobalId('Customer', 'S000008'), crmId: 'S000008' },
      { id: order },
    ]);
    const tooMany = await ask(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, (_, i) => toGlobalId('Customer', String(i))),
    });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers customer(id:) with the global id and, as before, with the CRM cust_id', async () => {
    const q = `query ($id: ID!) { customer(id: $id) { id crmId } }`;
    const expected = { customer: { id: toGlobalId('Customer', 'S000009'), crmId: 'S000009' } };
    expect((await ask(q, { id: 'S000009' })).body.data).toEqual(expected);
    expect((await ask(q, { id: toGlobalId('Customer', 'S000009') })).body.data).toEqual(expected);
    expect((await ask(q, { id: toGlobalId('Order', 'SOS000009001') })).body.data).toEqual({ customer: null });
  });

  it('pages customers backwards from the end to the start, the same customers as forwards', async () => {
    const forwards: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ first: 10, after });
      forwards.push(...p.edges.map((e) => e.node.crmId));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forwards).toHaveLength(45);

    const backwards: string[][] = [];
    let before: string | null = null;
    let pages = 0;
    for (;;) {
      const p = await page({ last: 10, before });
      pages += 1;
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      backwards.unshift(p.edges.map((e) => e.node.crmId));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(pages).toBe(5);
    expect(backwards[0]).toHaveLength(5);
    expect(backwards.flat()).toEqual(forwards);

    // Between two cursors, from either end.
    const all = await page({ first: 45 });
    const third = (await page({ first: 3 })).pageInfo.endCursor;
    const between = await page({
      first: 5,
      after: third,
      before: (await page({ last: 3 })).pageInfo.startCursor,
    });
    expect(between.edges.map((e) => e.node.crmId)).toEqual(forwards.slice(3, 8));
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('counts the whole connection, up to the count limit, whatever the page', async () => {
    const all = await page({ first: 5 });
    expect(all.totalCount).toBe(45);
    expect(all).toMatchObject({ totalCountExact: true });
    // Statuses cycle with n % 7: BLOCKED is 5, 12, 19, 26, 33, 40.
    const blocked = await page({ last: 2, filter: { status: ['BLOCKED'] } });
    expect(blocked).toMatchObject({ totalCount: 6, totalCountExact: true });
    expect(blocked.edges.map((e) => e.node.crmId)).toEqual(['S000033', 'S000040']);
    // GRAPHQL_MAX_COUNT is 30 here: a filter matching 44 customers stops counting there.
    const capped = await page({ first: 1, filter: { namePrefix: 'name 0000' } });
    expect(capped).toMatchObject({ totalCount: 30, totalCountExact: false });
  });

  it('pages a customer’s orders backwards (towards newer ones) and counts them', async () => {
    const q = `query ($first: Int, $after: String, $last: Int, $before: String, $status: [OrderStatus!]) {
      customer(id: "S000011") { orders(first: $first, after: $after, last: $last, before: $before, status: $status) {
        totalCount edges { node { orderNo } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    type Orders = { totalCount: number; edges: { node: { orderNo: string } }[]; pageInfo: PageInfo };
    const orders = async (v: Record<string, unknown>) =>
      ((await ask(q, v)).body.data?.customer as { orders: Orders }).orders;
    const newestFirst = ['004', '003', '002', '001', '000'].map((i) => `SOS000011${i}`);
    const oldest = await orders({ last: 2 });
    expect(oldest.edges.map((e) => e.node.orderNo)).toEqual(newestFirst.slice(3));
    expect(oldest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(oldest.totalCount).toBe(5);
    const newer = await orders({ last: 2, before: oldest.pageInfo.startCursor });
    expect(newer.edges.map((e) => e.node.orderNo)).toEqual(newestFirst.slice(1, 3));
    const newest = await orders({ last: 2, before: newer.pageInfo.startCursor });
    expect(newest.edges.map((e) => e.node.orderNo)).toEqual(newestFirst.slice(0, 1));
    expect(newest.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    // Order statuses cycle with i % 5: PAID is order 001 only.
    expect((await orders({ first: 1, status: ['PAID', 'SHIPPED'] })).totalCount).toBe(2);
  });

  it('keeps a customer when its orders fail on a bad cursor: orders is null, with the error at its path', async () => {
    const r = await ask(`{ customer(id: "S000003") { crmId name orders(after: "junk") { totalCount } } }`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ customer: { crmId: 'S000003', name: 'Name 000003', orders: null } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect((r.body.errors?.[0] as { path?: unknown }).path).toEqual(['customer', 'orders']);
    // In a page, only the customer whose orders failed loses them.
    const page2 = await ask(
      `{ customers(first: 2) { edges { node { crmId orders(first: 1, last: 1) { totalCount } } } } }`,
    );
    expect(page2.body.data?.customers).toEqual({
      edges: [{ node: { crmId: 'S000001', orders: null } }, { node: { crmId: 'S000002', orders: null } }],
    });
    expect(codes(page2)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('serves a billing state outside the enum as UNKNOWN rather than failing the customer', async () => {
    await api.db
      .collection(CUSTOMERS)
      .updateOne({ _id: 'S000044' as never }, { $set: { 'accounts.0.state': 'LEGACY_ONLY' } });
    const r = await ask(`{ customer(id: "S000044") { billingAccounts { state rawValue } } }`);
    expect(r.body).toEqual({
      data: { customer: { billingAccounts: [{ state: 'UNKNOWN', rawValue: 'OPEN' }] } },
    });
  });
});
