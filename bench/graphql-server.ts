/**
 * The API as its own process for `bench/graphql.ts`, so the load generator and the server do not
 * share one event loop. Configured like `npm start` (src/config); prints `{"url": ...}` once serving.
 */
import { MongoClient } from 'mongodb';
import { loadEndpoints, loadGraphqlConfig, loadProcessorConfig } from '../src/config';
import { createConnectClient } from '../src/connect/connect-client';
import { createGraphqlServer, pipelineSources } from '../src/graphql';
import { createRegistryClient } from '../src/schema-registry/registry-client';
import { runMain } from '../src/shared/run-main';

async function main(): Promise<number> {
  const endpoints = loadEndpoints();
  const processors = loadProcessorConfig();
  const mongo = new MongoClient(endpoints.MONGO_URL);
  await mongo.connect();
  const api = createGraphqlServer({
    db: mongo.db(processors.MONGO_DB),
    config: loadGraphqlConfig(),
    log: () => undefined,
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: processors.STATE_TOPIC },
    registry: createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
    connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
    pipeline: pipelineSources(processors),
    ensureIndexes: false,
  });
  await api.start();
  process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await api.stop();
  await mongo.close();
  return 0;
}

runMain(main);
