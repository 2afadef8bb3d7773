/**
 * The GraphQL API as a service with its own MongoDB client: wired once for `npm start` (beside the
 * processors) and `customer-view api` (alone, M instances behind a load balancer). Knows nothing of
 * the local stack: endpoints come in parsed.
 */
import type { Endpoints, GraphqlConfig, ProcessorConfig } from '../config';
import { createConnectClient } from '../connect/connect-client';
import { createRegistryClient } from '../schema-registry/registry-client';
import type { Log } from '../shared/logger';
import { createMongoClient } from '../store/mongo-client';
import { createGraphqlServer } from './create-graphql-server';
import { pipelineSources } from './pipeline/pipeline-status';

export interface ApiServiceDeps {
  /** The view's database, the status topic and the processors' group and topics (for `pipeline`). */
  config: Pick<
    ProcessorConfig,
    'MONGO_DB' | 'STATE_TOPIC' | 'PROCESSOR_GROUP_ID' | 'CRM_TOPIC' | 'BILLING_TOPIC' | 'OMS_TOPIC'
  >;
  graphqlConfig: GraphqlConfig;
  endpoints: Pick<Endpoints, 'MONGO_URL' | 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL'> &
    Partial<Pick<Endpoints, 'CONNECT_URL'>>;
  log: Log;
  /** Decoder of the status events; default: a registry client of its own. */
  registry?: { decode(buffer: Buffer): Promise<unknown> };
}

export function createApiService({ config, graphqlConfig, endpoints, log, registry }: ApiServiceDeps) {
  // Its own client: the API's deadline is seconds (a request waits on it), the processors' is longer.
  const mongo = createMongoClient(endpoints.MONGO_URL, graphqlConfig.GRAPHQL_STORE_TIMEOUT_MS);
  const server = createGraphqlServer({
    db: mongo.db(config.MONGO_DB),
    config: graphqlConfig,
    log,
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: config.STATE_TOPIC },
    registry: registry ?? createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
    connect: endpoints.CONNECT_URL ? createConnectClient({ baseUrl: endpoints.CONNECT_URL }) : null,
    pipeline: pipelineSources(config),
  });
  return {
    get url() {
      return server.url;
    },
    async start(): Promise<void> {
      try {
        await server.start();
      } catch (e) {
        await mongo.close().catch(() => undefined);
        throw e;
      }
    },
    async stop(options?: { graceMs?: number }): Promise<void> {
      await server.stop(options);
      await mongo.close();
    },
  };
}
export type ApiService = ReturnType<typeof createApiService>;
