/**
 * `npm start`: the demo pipeline in the foreground. Without external endpoints it first brings the
 * local stack up (idempotent), then runs the processors until Ctrl-C or SIGTERM. The services keep
 * running until `npm run stack:down`.
 */
import path from 'node:path';
import { loadEndpoints, loadGraphqlConfig, loadProcessorConfig, loadStackConfig } from './config';
import { createConnectClient } from './connect/connect-client';
import { createGraphqlServer, pipelineSources, recordGraphqlUrl } from './graphql';
import { ENDPOINT_KEYS } from './config/endpoints';
import { createProcessorService } from './processors/processor-service';
import { createLog } from './shared/logger';
import { createMongoClient } from './store/mongo-client';
import { runMain } from './shared/run-main';
import { createStackContext } from './stack/context';
import { stackUp } from './stack/stack';

async function main(): Promise<number> {
  const stackConfig = loadStackConfig();
  const config = loadProcessorConfig();
  const graphqlConfig = loadGraphqlConfig();
  const log = createLog(config.LOG_FORMAT);

  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  const localStack = !required.every((k) => stackConfig.external.has(k));
  if (!localStack) {
    log('stack', { note: 'all endpoints set in the environment: starting no local services' });
  } else {
    log('stack', { note: 'bringing up the local stack (the first run provisions it: several minutes)' });
    await stackUp(createStackContext(stackConfig));
  }
  const endpoints = loadEndpoints();

  const processors = createProcessorService({ config, endpoints, log });
  await processors.start();
  log('view', {
    mongo: endpoints.MONGO_URL,
    db: config.MONGO_DB,
    collections: 'customers, orders, facts, progress',
    statusTopic: config.STATE_TOPIC,
  });
  // Its own client: the API's deadline is seconds (a request waits on it), the processors' is longer.
  const apiMongo = createMongoClient(endpoints.MONGO_URL, graphqlConfig.GRAPHQL_STORE_TIMEOUT_MS);
  const api = createGraphqlServer({
    db: apiMongo.db(config.MONGO_DB),
    config: graphqlConfig,
    log,
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: config.STATE_TOPIC },
    registry: processors.schemaRegistry,
    connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
    pipeline: pipelineSources(config),
  });
  await api.start();
  // Only beside the local stack's endpoints: a run against given endpoints (tests, other hosts)
  // must not point the local file at itself.
  if (localStack) recordGraphqlUrl(path.join(stackConfig.STACK_DIR, 'endpoints.env'), api.url);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping', { note: 'finishing the batch in flight, then committing' });
  await api.stop();
  await apiMongo.close();
  await processors.stop();
  return 0;
}

runMain(main);
