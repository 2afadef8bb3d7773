/** `customer-view api`: the GraphQL API alone, one instance behind a load balancer. */
import { parseArgs } from 'node:util';
import {
  loadGraphqlConfig,
  loadProcessorConfig,
  loadServiceEndpoints,
  loadShutdownConfig,
  loadTogether,
} from '../../config';
import { createApiService } from '../../graphql/api-service';
import { createLog } from '../../shared/logger';
import { nextSignal, stopWithin } from '../../shared/shutdown';
import { EXIT, type CliCommand } from '../command';

const HELP = `Usage: customer-view api

Serves the GraphQL API (queries, SSE and graphql-ws subscriptions at /graphql; /healthz and /readyz
beside it) until SIGTERM or SIGINT. Reads the view the processors write; writes nothing. Run as many
instances as you like behind a load balancer. Provisions nothing.

Required:
  MONGO_URL             MongoDB of the view (its own client; each call bounded by GRAPHQL_STORE_TIMEOUT_MS)
  KAFKA_BROKERS         Kafka, for subscriptions (STATE_TOPIC) and the consumer lag in \`pipeline\`
  SCHEMA_REGISTRY_URL   the registry holding the Avro schema of the status events
Optional:
  CONNECT_URL           Kafka Connect, for the connector states of the \`pipeline\` query
Bound to another address than loopback (GRAPHQL_HOST), auth is required: GRAPHQL_JWT_SECRET or
GRAPHQL_JWKS_URL. The GRAPHQL_* variables are in the README ("API"). On SIGTERM /readyz turns 503,
requests in flight finish, subscriptions end, all within SHUTDOWN_TIMEOUT_MS (25000).

Exit codes: 0 stopped cleanly, 1 bad configuration, a taken port, a failed start or a stop past
SHUTDOWN_TIMEOUT_MS.

Examples:
  MONGO_URL=mongodb://mongo:27017/ KAFKA_BROKERS=kafka:9092 \\
  SCHEMA_REGISTRY_URL=http://registry:8080/apis/ccompat/v7 CONNECT_URL=http://connect:8083 \\
  GRAPHQL_HOST=0.0.0.0 GRAPHQL_JWKS_URL=https://idp.example/jwks.json NODE_ENV=production customer-view api
  # beside the local stack (npm start holds 4000)
  env $(grep -v '^#' .stack/endpoints.env) GRAPHQL_PORT=4001 customer-view api`;

/** Endpoints the API needs: the view, the status topic and the schema of its Avro events. */
export const API_ENDPOINTS = ['MONGO_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL'] as const;
/** Used when set: Connect, for the connector states of the `pipeline` query. */
export const API_OPTIONAL_ENDPOINTS = ['CONNECT_URL'] as const;

export const apiCommand: CliCommand = {
  name: 'api',
  summary: 'serve the GraphQL API (M instances behind a load balancer)',
  help: HELP,
  async run(argv, io) {
    parseArgs({ args: argv, options: {}, strict: true });
    const [config, graphqlConfig, endpoints, shutdown] = loadTogether(
      () => loadProcessorConfig(),
      () => loadGraphqlConfig(),
      () => loadServiceEndpoints(API_ENDPOINTS, API_OPTIONAL_ENDPOINTS),
      () => loadShutdownConfig(),
    );
    const log = createLog(config.LOG_FORMAT, (line) => io.stdout(`${line}\n`));
    const api = createApiService({ config, graphqlConfig, endpoints, log });
    // Listening before the start: a SIGTERM while starting (an orchestrator that gave up waiting)
    // stops the service once started, instead of killing it half-way with Node's default action.
    const stopSignal = nextSignal();
    await api.start();
    const signal = await stopSignal;
    log('stopping', { signal, note: 'draining requests in flight' });
    const ms = shutdown.SHUTDOWN_TIMEOUT_MS;
    // Cut lingering connections a little before the deadline, so the stop itself can still finish.
    const clean = await stopWithin(ms, () => api.stop({ graceMs: Math.max(0, ms - 1000) }), log);
    return clean ? EXIT.ok : EXIT.error;
  },
};
