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
import { createGenerationFollower } from '../store/generation-follower';
import { ensureIndexes } from '../store/indexes';
import { authConfigured, createAuthenticator } from './auth/authenticate';
import { createRateLimiter } from './limits/rate-limiter';
import { createPipelineStatus, type PipelineSources } from './pipeline/pipeline-status';
import { loadAllowList } from './server/allow-list';
import { createApiYoga } from './server/create-yoga';
import { attachWsTransport } from './server/ws-transport';
import { createStatusFeed, type StatusFeed } from './subscriptions/status-feed';
import { createConsoleRoute } from './console/console-route';

export interface GraphqlServerDeps {
  /** The configured MONGO_DB: the view is read wherever its generation pointer says (store/view-generations.ts). */
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
  /** Kafka Connect, for the `pipeline` query only; null without CONNECT_URL. */
  connect: Pick<ConnectClient, 'status'> | null;
  /** The processors' consumer group, topics and connectors, for the `pipeline` query. */
  pipeline: PipelineSources;
  /** Create the view's indexes at start (idempotent). Default true. */
  ensureIndexes?: boolean;
}

export interface GraphqlServer {
  start(): Promise<void>;
  /** Drains: in-flight requests get up to `graceMs` (default 10000) before connections are cut. */
  stop(options?: { graceMs?: number }): Promise<void>;
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
  // A rebuilt view is switched to by its pointer: requests read the live generation, each from one.
  const view = createGenerationFollower({
    base: deps.db,
    onSwitch: (from, to) => log('generation-switch', { from: from.db, to: to.db, seq: to.seq }),
    onError: (e) => log('generation-poll-failed', { error: (e as Error).message }),
  });
  const services = {
    get db(): Db {
      return view.current().db;
    },
    maxPageSize: config.GRAPHQL_MAX_PAGE_SIZE,
    maxCount: config.GRAPHQL_MAX_COUNT,
    pipelineStatus: createPipelineStatus({
      db: () => view.current().db,
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
  let draining = false;
  /** Start finished (the view's generation known, indexes made): until then not ready for traffic. */
  let started = false;
  const streams = new Set<http.ServerResponse>();
  /**
   * Ready: started, MongoDB answers and we are not draining (a load balancer stops sending requests while
   * in-flight ones finish). Subscriptions waiting for Kafka do not make the API unready: queries serve.
   */
  const ready = async () => {
    const mongo = await deps.db.command({ ping: 1 }).then(
      (r) => r.ok === 1,
      () => false,
    );
    const checks = { started, mongo, statusFeed: feed.ready(), draining };
    return { ok: started && mongo && !draining, checks };
  };
  const consoleRoute = config.GRAPHQL_CONSOLE ? createConsoleRoute() : null;
  const server = http.createServer((req, res) => {
    if (consoleRoute?.(req, res)) return;
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && (path === '/healthz' || path === '/readyz')) {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (path === '/healthz') return reply(200, { ok: true });
      void ready().then((r) => reply(r.ok ? 200 : 503, r));
      return;
    }
    // Event streams never finish on their own: remembered so a drain can end them (clients reconnect).
    if (req.headers.accept?.includes('text/event-stream')) {
      streams.add(res);
      res.once('close', () => streams.delete(res));
    }
    void yoga(req, res);
  });
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
      // Bound first: a taken port fails the start before anything touches MongoDB or Kafka.
      const { address, port } = await listen(server, {
        host: config.GRAPHQL_HOST,
        port: config.GRAPHQL_PORT,
        variable: 'GRAPHQL_PORT',
      });
      const prepared =
        deps.ensureIndexes === false
          ? view.start()
          : view.start().then(() => ensureIndexes(view.current().db));
      await prepared.catch(async (e: unknown) => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        throw e;
      });
      url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/graphql`;
      if (!authConfigured(config))
        log('graphql-warning', {
          note: 'no auth configured (GRAPHQL_JWT_SECRET / GRAPHQL_JWKS_URL): every request is admitted as support; allowed on loopback only',
        });
      // Subscriptions wait for Kafka in the background; queries must not.
      void feed.start();
      started = true;
      log('graphql', {
        url,
        auth: config.GRAPHQL_JWT_SECRET ? 'HS256' : config.GRAPHQL_JWKS_URL ? 'JWKS' : 'none (loopback demo)',
        persistedOnly: config.GRAPHQL_PERSISTED_ONLY,
        allowListed: allowList.size,
        graphiql: config.GRAPHQL_GRAPHIQL && !config.GRAPHQL_PERSISTED_ONLY,
        console: config.GRAPHQL_CONSOLE ? url.replace(/\/graphql$/, '/console') : false,
      });
    },
    async stop({ graceMs = 10_000 } = {}) {
      // Drain: /readyz turns 503, no new connections, idle keep-alive ones close, requests in flight
      // may finish within graceMs; then whatever is left (a slow query, an SSE stream) is cut.
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of streams) res.end();
      await ws.close();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await feed.stop();
      await closed;
      clearTimeout(timer);
      if (admin) await (await admin.catch(() => null))?.disconnect();
      await yoga.dispose();
      await view.stop();
    },
  };
}
