/**
 * The API's guards over HTTP on the real stack: depth, cost and alias limits, body size, per-token
 * rate limit, persisted-operations mode, introspection and GraphiQL in production, CORS, and the
 * refusal to serve without auth off loopback.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedView } from '../../bench/graphql-seed';
import { parseGraphqlConfig } from '../../src/config/graphql-config';
import { ConfigError } from '../../src/config/parse';
import { REPO_ROOT } from '../../src/config/stack-config';
import { createConnectClient } from '../../src/connect/connect-client';
import { createGraphqlServer } from '../../src/graphql';
import { operationHash } from '../../src/graphql/server/allow-list';
import { endpoints } from './support/endpoints';
import { codes, gql, startTestApi, TEST_SECRET, token, type TestApi } from './support/graphql-server';

const AUTH = { GRAPHQL_JWT_SECRET: TEST_SECRET };

describe('GraphQL API: limits', () => {
  let api: TestApi;
  let bearer: string;
  beforeAll(async () => {
    api = await startTestApi({ env: { ...AUTH, GRAPHQL_CORS_ORIGINS: 'https://console.example.cn' } });
    await seedView(api.db, { customers: 3, ordersPerCustomer: 2 });
    bearer = await token('support');
  });
  afterAll(async () => api?.close());

  it('rejects a query deeper than the limit before running it', async () => {
    const deep = `{ customer(id: "S000001") { orders { edges { node { customer { orders { edges { node {
      customer { orders { edges { node { customer { id } } } } } } } } } } } } } }`;
    const r = await gql(api.url, deep, {}, { bearer });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.body.errors?.[0]?.message).toMatch(/depth 14 exceeds the limit of 12/);
    expect(r.body.data).toBeUndefined();
    expect(r.status).toBe(400); // GraphQL over HTTP: a request that may not run is a client error
  });

  it('rejects a query whose page sizes multiply beyond the cost limit, literal or from variables', async () => {
    const q = `query ($a: Int, $b: Int) { customers(first: $a) { edges { node { orders(first: $b) {
      edges { node { orderNo totalFen } } } } } } }`;
    const costly = await gql(api.url, q, { a: 100, b: 100 }, { bearer });
    expect(codes(costly)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(costly.body.errors?.[0]?.extensions).toMatchObject({ maxCost: 20_000 });
    expect(costly.status).toBe(400);
    const cheap = await gql(api.url, q, { a: 50, b: 10 }, { bearer });
    expect(cheap.body.errors).toBeUndefined();
    const literal = await gql(
      api.url,
      `{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { orderNo } } } } } } }`,
      {},
      { bearer },
    );
    expect(codes(literal)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('rejects more aliases than allowed', async () => {
    const many = Array.from({ length: 16 }, (_, i) => `a${i}: customer(id: "S000001") { id }`).join(' ');
    const r = await gql(api.url, `{ ${many} }`, {}, { bearer });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.body.errors?.[0]?.message).toMatch(/16 aliases exceed the limit of 15/);
    expect(r.status).toBe(400);
    const few = Array.from({ length: 3 }, (_, i) => `a${i}: customer(id: "S000001") { id }`).join(' ');
    expect((await gql(api.url, `{ ${few} }`, {}, { bearer })).body.errors).toBeUndefined();
  });

  it('answers variables of the wrong type as BAD_USER_INPUT with 400, naming the variable', async () => {
    const q = `query ($n: Int) { customers(first: $n) { edges { node { id } } } }`;
    const r = await gql(api.url, q, { n: 'ten' }, { bearer });
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.body.errors?.[0]?.message).toContain('$n');
    expect(r.body.data).toBeUndefined();
    const missing = await gql(api.url, `query ($id: ID!) { customer(id: $id) { id } }`, {}, { bearer });
    expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
    expect((await gql(api.url, q, { n: 2 }, { bearer })).body.errors).toBeUndefined();
  });

  it('rejects a body over the size limit with 413', async () => {
    const padding = ' '.repeat(70 * 1024);
    const r = await gql(api.url, `{ customer(id: "S000001") { id }${padding}}`, {}, { bearer });
    expect(r.status).toBe(413);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(api.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const ok = await preflight('https://console.example.cn');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://console.example.cn');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
  });

  it('serves GraphiQL and introspection in development', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    const r = await gql(api.url, `{ __schema { queryType { name } } }`, {}, { bearer });
    expect(r.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('GraphQL API: production', () => {
  it('turns introspection and GraphiQL off', async () => {
    const api = await startTestApi({ env: { ...AUTH, NODE_ENV: 'production' } });
    try {
      const bearer = await token('support');
      const r = await gql(api.url, `{ __schema { queryType { name } } }`, {}, { bearer });
      expect(r.body.errors?.[0]?.message).toMatch(/introspection/i);
      expect(r.body.data).toBeUndefined();
      const page = await fetch(api.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('GraphiQL');
    } finally {
      await api.close();
    }
  });
});

describe('GraphQL API: rate limit', () => {
  it('answers 429 RATE_LIMITED once a token used its budget, other tokens unaffected', async () => {
    const api = await startTestApi({ env: { ...AUTH, GRAPHQL_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const greedy = await token('agent', { sub: 'greedy' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push((await gql(api.url, `{ customer(id: "x") { id } }`, {}, { bearer: greedy })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await gql(api.url, `{ customer(id: "x") { id } }`, {}, { bearer: greedy });
      expect(codes(limited)).toEqual(['RATE_LIMITED']);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = await gql(api.url, `{ customer(id: "x") { id } }`, {}, { bearer: await token('agent') });
      expect(other.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('GraphQL API: persisted operations only', () => {
  it('runs allow-listed operations by hash and refuses everything else', async () => {
    const api = await startTestApi({ env: { ...AUTH, GRAPHQL_PERSISTED_ONLY: 'true' } });
    try {
      await seedView(api.db, { customers: 2, ordersPerCustomer: 1 });
      const bearer = await token('support');
      const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'queries', 'customer.graphql'), 'utf8');
      const persisted = (sha256Hash: string, variables: Record<string, unknown>) =>
        fetch(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { data?: unknown; errors?: unknown[] },
        }));
      const ok = await persisted(operationHash(text), { id: 'S000002' });
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data).toMatchObject({ customer: { crmId: 'S000002', status: { value: 'INACTIVE' } } });
      const unknown = await persisted('0'.repeat(64), {});
      expect(JSON.stringify(unknown.body)).toContain('PERSISTED_QUERY_NOT_FOUND');
      const arbitrary = await gql(api.url, text, { id: 'S000002' }, { bearer });
      expect(codes(arbitrary)).toEqual(['PERSISTED_QUERY_ONLY']);
    } finally {
      await api.close();
    }
  });
});

describe('GraphQL API: startup without auth', () => {
  it('refuses to bind beyond loopback without auth, in the config and in the server', () => {
    expect(() => parseGraphqlConfig({ GRAPHQL_HOST: '0.0.0.0' })).toThrow(ConfigError);
    const config = { ...parseGraphqlConfig({}), GRAPHQL_HOST: '0.0.0.0' };
    expect(() =>
      createGraphqlServer({
        db: {} as never,
        config,
        log: () => undefined,
        kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: 'unused' },
        registry: { decode: async () => null },
        connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
        pipeline: {
          groupId: 'g',
          systems: {
            CRM: { topic: 'a', connector: 'a' },
            BILLING: { topic: 'b', connector: 'b' },
            OMS: { topic: 'c', connector: 'c' },
          },
        },
      }),
    ).toThrow(/not a loopback address and no auth is configured/);
  });
});
