/**
 * A frontend's view of the API: Apollo Client 4 with the cache setup of client/apollo-cache.ts and
 * the typed documents of `npm run codegen`, paging the whole view forwards and then backwards with
 * relayStylePagination, and answering node(id) from the normalized cache.
 */
import { ApolloClient, HttpLink } from '@apollo/client';
import { createApiCache } from '../../client/apollo-cache';
import { CustomersPageDocument, NodeDocument } from '../../client/generated/operations';
import { seedView } from '../../bench/graphql-seed';
import { startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';

describe('Apollo Client with relayStylePagination', () => {
  let api: TestApi;
  let bearer: string;
  // Each page from the network, as fetchMore does: relayStylePagination's read answers every page
  // argument with the merged list, so cache-first would never ask for the next page.
  const client = () =>
    new ApolloClient({
      cache: createApiCache(),
      link: new HttpLink({ uri: api.url, headers: { authorization: `Bearer ${bearer}` } }),
      defaultOptions: { query: { fetchPolicy: 'network-only' } },
    });

  beforeAll(async () => {
    api = await startTestApi({ env: { GRAPHQL_JWT_SECRET: TEST_SECRET } });
    await seedView(api.db, { customers: 57, ordersPerCustomer: 2 });
    bearer = await token('support');
  });
  afterAll(async () => api?.close());

  it('pages the whole view forwards, then backwards, into one cached list each time', async () => {
    const forwards = client();
    let page = await forwards.query({ query: CustomersPageDocument, variables: { first: 20 } });
    let requests = 1;
    while (page.data?.customers.pageInfo.hasNextPage && requests < 10) {
      page = await forwards.query({
        query: CustomersPageDocument,
        variables: { first: 20, after: page.data.customers.pageInfo.endCursor },
      });
      requests += 1;
    }
    expect(requests).toBe(3);
    // relayStylePagination merged the three pages into one list under the same field.
    const ahead = page.data?.customers.edges.map((e) => e.node.crmId) ?? [];
    expect(ahead).toHaveLength(57);
    expect(ahead).toEqual([...ahead].sort());
    expect(page.data?.customers.totalCount).toBe(57);

    const backwards = client();
    let back = await backwards.query({ query: CustomersPageDocument, variables: { first: null, last: 25 } });
    requests = 1;
    while (back.data?.customers.pageInfo.hasPreviousPage && requests < 10) {
      back = await backwards.query({
        query: CustomersPageDocument,
        variables: { first: null, last: 25, before: back.data.customers.pageInfo.startCursor },
      });
      requests += 1;
    }
    expect(requests).toBe(3);
    expect(back.data?.customers.edges.map((e) => e.node.crmId)).toEqual(ahead);
    expect(back.data?.customers.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });

    // Customers, their orders and accounts are normalized by global id: node(id) needs no request.
    const first = page.data?.customers.edges[0]?.node;
    expect(forwards.cache.identify({ __typename: 'Customer', id: first?.id })).toBe(`Customer:${first?.id}`);
    const fromCache = await forwards.query({
      query: NodeDocument,
      variables: { id: first?.id as string },
      fetchPolicy: 'cache-only',
    });
    expect(fromCache.data?.node).toMatchObject({ id: first?.id, crmId: first?.crmId });
    const order = first?.orders?.edges[0]?.node;
    expect(forwards.cache.identify({ __typename: 'Order', id: order?.id })).toBe(`Order:${order?.id}`);
  });
});
