/**
 * `npm start`: the demo pipeline in the foreground. Without external endpoints it first brings the
 * local stack up (idempotent), then runs the processors until Ctrl-C or SIGTERM. The services keep
 * running until `npm run stack:down`.
 */
import path from 'node:path';
import {
  loadEndpoints,
  loadGraphqlConfig,
  loadProcessorConfig,
  loadShutdownConfig,
  loadStackConfig,
} from './config';
import { recordGraphqlUrl } from './graphql';
import { createApiService } from './graphql/api-service';
import { ENDPOINT_KEYS } from './config/endpoints';
import { createProcessorService } from './processors/processor-service';
import { createLog } from './shared/logger';
import { runMain } from './shared/run-main';
import { nextSignal, stopWithin } from './shared/shutdown';
import { createStackContext } from '../tools/stack/context';
import { stackUp } from '../tools/stack/stack';

async function main(): Promise<number> {
  const stackConfig = loadStackConfig();
  const config = loadProcessorConfig();
  // The demo serves the support console (/console) unless GRAPHQL_CONSOLE says otherwise.
  const graphqlConfig = loadGraphqlConfig(undefined, { GRAPHQL_CONSOLE: 'true' });
  const shutdown = loadShutdownConfig();
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
  const api = createApiService({
    config,
    graphqlConfig,
    endpoints,
    log,
    registry: processors.schemaRegistry,
  });
  await api.start();
  // Only beside the local stack's endpoints: a run against given endpoints (tests, other hosts)
  // must not point the local file at itself.
  if (localStack) recordGraphqlUrl(path.join(stackConfig.STACK_DIR, 'endpoints.env'), api.url);

  const signal = await nextSignal();
  log('stopping', { signal, note: 'finishing the batch in flight, then committing' });
  const clean = await stopWithin(
    shutdown.SHUTDOWN_TIMEOUT_MS,
    async () => {
      await api.stop({ graceMs: Math.max(0, shutdown.SHUTDOWN_TIMEOUT_MS - 1000) });
      await processors.stop();
    },
    log,
  );
  return clean ? 0 : 1;
}

runMain(main);
