/**
 * The GraphQL API started in-process on a free loopback port over a private MongoDB database, the
 * real Kafka, registry and Connect of the local stack; and small HTTP helpers to talk to it.
 */
import { SignJWT } from 'jose';
import { MongoClient, type Db } from 'mongodb';
import { parseGraphqlConfig, type GraphqlConfig } from '../../../src/config/graphql-config';
import { createConnectClient } from '../../../src/connect/connect-client';
import { createGraphqlServer, type GraphqlServer, type PipelineSources } from '../../../src/graphql';
import { createRegistryClient } from '../../../src/schema-registry/registry-client';
import { endpoints } from './endpoints';
import { uniqueName } from './wait-for';

export const TEST_SECRET = 'graphql-integration-test-secret-0123456789';

export interface TestApi {
  server: GraphqlServer;
  url: string;
  db: Db;
  client: MongoClient;
  logs: { event: string; fields: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startTestApi({
  env = {},
  overrides = {},
  db,
  statusTopic,
  dropDb = true,
  pipeline,
}: {
  env?: Record<string, string>;
  overrides?: Partial<GraphqlConfig>;
  db?: Db;
  statusTopic?: string;
  dropDb?: boolean;
  pipeline?: PipelineSources;
} = {}): Promise<TestApi> {
  const client = new MongoClient(endpoints.MONGO_URL);
  const database = db ?? client.db(uniqueName('gql'));
  const logs: TestApi['logs'] = [];
  const server = createGraphqlServer({
    db: database,
    config: { ...parseGraphqlConfig(env), GRAPHQL_PORT: 0, ...overrides },
    log: (event, fields = {}) => logs.push({ event, fields }),
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: statusTopic ?? uniqueName('no_such_topic') },
    registry: createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
    connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
    pipeline: pipeline ?? {
      groupId: 'customer-state-view',
      systems: {
        CRM: { topic: 'crm.crm.customers', connector: 'crm' },
        BILLING: { topic: 'billing.public.accounts', connector: 'billing' },
        OMS: { topic: 'oms.public.orders', connector: 'oms' },
      },
    },
  });
  await server.start();
  return {
    server,
    url: server.url,
    db: database,
    client,
    logs,
    async close() {
      await server.stop();
      if (dropDb && !db) await database.dropDatabase();
      await client.close();
    },
  };
}

export async function token(
  roles: string[] | string,
  opts: { sub?: string; secret?: string; expiresIn?: string } = {},
) {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(opts.sub ?? uniqueName('user'))
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(opts.secret ?? TEST_SECRET));
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
  };
}

export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  {
    bearer,
    headers = {},
    extensions,
  }: { bearer?: string; headers?: Record<string, string>; extensions?: unknown } = {},
): Promise<GqlResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables, ...(extensions ? { extensions } : {}) }),
  });
  const text = await res.text();
  let body: GqlResponse['body'];
  try {
    body = JSON.parse(text) as GqlResponse['body'];
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, headers: res.headers, body };
}

export const codes = (r: GqlResponse) => (r.body.errors ?? []).map((e) => e.extensions?.code);
