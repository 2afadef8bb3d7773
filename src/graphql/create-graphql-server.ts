/**
 * The GraphQL API: one HTTP server on GRAPHQL_HOST:GRAPHQL_PORT serving /graphql over HTTP (queries,
 * SSE subscriptions, GraphiQL in development) and graphql-ws on the same path. Reads the view from
 * MongoDB, the status feed from Kafka, freshness from the view, Kafka and Connect; writes nothing.
 */
import http from 'node:http';
import type { Db } from 'mongodb';
import { ConfigError } from '../config/parse';
import { isLoopbackHost, type GraphqlConfig } from '../config/graphql-config';
import type { ConnectClient } from '../connect/connect-client';
import { createAdmin, type Admin } from '../kafka/kafka-client';
import { listen } from '../shared/listen';
import type { Log } from '../shared/logger';
import { ensureIndexes } from '../store/indexes';
import { authConfigured, createAuthenticator } from './auth/authenticate';
import { createRateLimiter } from './limits/rate-limiter';
import { createPipelineStatus, type PipelineSources } from './pipeline/pipeline-status';
import { loadAllowList } from './server/allow-list';
import { createApiYoga } from './server/create-yoga';
import { attachWsTransport } from './server/ws-transport';
import { createStatusFeed, type StatusFeed } from './subscriptions/status-feed';

export interface GraphqlServerDeps {
  /** The view's database. */
  db: Db;
  config: GraphqlConfig;
  log: Log;
  kafka: {
    brokers: string[];
    /** Topic feeding subscriptions: the processors' STATE_TOPIC (customer-state.v1). */
    statusTopic: string;
  };
  /** Decodes customer-state.v1 values (Confluent-framed Avro): the registry client's `decode`. */
  registry: { decode(buffer: Buffer): Promise<unknown> };
  connect: ConnectClient;
  /** The processors' consumer group, topics and connectors, for the `pipeline` query. */
  pipeline: PipelineSources;
  /** Create the view's indexes at start (idempotent). Default true. */
  ensureIndexes?: boolean;
}

export interface GraphqlServer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** http://host:port/graphql once started (the real port when config asked for port 0). */
  readonly url: string;
  /** The subscription feed: ready() once its consumer joined (tests wait for it). */
  readonly feed: StatusFeed;
}

export function createGraphqlServer(deps: GraphqlServerDeps): GraphqlServer {
  const { config, log } = deps;
  if (!authConfigured(config) && !isLoopbackHost(config.GRAPHQL_HOST))
    throw new ConfigError([
      `GRAPHQL_HOST: ${config.GRAPHQL_HOST} is not a loopback address and no auth is configured: set GRAPHQL_JWT_SECRET or GRAPHQL_JWKS_URL, or bind to 127.0.0.1`,
    ]);

  let admin: Promise<Admin> | null = null;
  const getAdmin = () => {
    admin ??= (async () => {
      const a = createAdmin({ brokers: deps.kafka.brokers, clientId: 'csv-graphql-admin', retries: 1 });
      await a.connect();
      return a;
    })().catch((e: unknown) => {
      admin = null; // try again on the next request
      throw e;
    });
    return admin;
  };

  const feed = createStatusFeed({
    brokers: deps.kafka.brokers,
    topic: deps.kafka.statusTopic,
    decode: (b) => deps.registry.decode(b),
    log,
  });
  const services = {
    db: deps.db,
    maxPageSize: config.GRAPHQL_MAX_PAGE_SIZE,
    pipelineStatus: createPipelineStatus({
      db: deps.db,
      admin: getAdmin,
      connect: deps.connect,
      sources: deps.pipeline,
    }),
    feed,
  };
  const authenticate = createAuthenticator(config);
  const limiter = createRateLimiter({ perMinute: config.GRAPHQL_RATE_LIMIT_PER_MINUTE });
  const allowList = loadAllowList(config.GRAPHQL_PERSISTED_OPERATIONS_DIR);
  const yoga = createApiYoga({ config, services, authenticate, allowList, limiter, log });
  const server = http.createServer(yoga);
  const ws = attachWsTransport({
    server,
    yoga,
    authenticate,
    limiter,
    allowList,
    persistedOnly: config.GRAPHQL_PERSISTED_ONLY,
    maxPayload: config.GRAPHQL_MAX_BODY_BYTES,
  });
  let url = '';

  return {
    feed,
    get url() {
      return url;
    },
    async start() {
      if (deps.ensureIndexes !== false) await ensureIndexes(deps.db);
      const { address, port } = await listen(server, {
        host: config.GRAPHQL_HOST,
        port: config.GRAPHQL_PORT,
        variable: 'GRAPHQL_PORT',
      });
      url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/graphql`;
      if (!authConfigured(config))
        log('graphql-warning', {
          note: 'no auth configured (GRAPHQL_JWT_SECRET / GRAPHQL_JWKS_URL): every request is admitted as support; allowed on loopback only',
        });
      // Subscriptions wait for Kafka in the background; queries must not.
      void feed.start();
      log('graphql', {
        url,
        auth: config.GRAPHQL_JWT_SECRET ? 'HS256' : config.GRAPHQL_JWKS_URL ? 'JWKS' : 'none (loopback demo)',
        persistedOnly: config.GRAPHQL_PERSISTED_ONLY,
        allowListed: allowList.size,
        graphiql: config.GRAPHQL_GRAPHIQL && !config.GRAPHQL_PERSISTED_ONLY,
      });
    },
    async stop() {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await feed.stop();
      if (admin) await (await admin.catch(() => null))?.disconnect();
      await yoga.dispose();
    },
  };
}
