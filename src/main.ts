/**
 * `npm start`: the demo pipeline in the foreground. Without external endpoints it first brings the
 * local stack up (idempotent), then runs the processors until Ctrl-C or SIGTERM. The services keep
 * running until `npm run stack:down`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { loadEndpoints, loadGraphqlConfig, loadProcessorConfig, loadStackConfig } from './config';
import { createConnectClient } from './connect/connect-client';
import { createGraphqlServer, pipelineSources, recordGraphqlUrl } from './graphql';
import { ENDPOINT_KEYS } from './config/endpoints';
import { createCodeMaps } from './domain/code-maps';
import { createHttpServer } from './processors/http-server';
import { createPipeline } from './processors/pipeline';
import { registryDeps } from './processors/registry-deps';
import { assertTimeZone } from './processors/tables/time';
import { createLog } from './shared/logger';
import { runMain } from './shared/run-main';
import { createStackContext } from './stack/context';
import { stackUp } from './stack/stack';

async function main(): Promise<number> {
  const stackConfig = loadStackConfig();
  const config = loadProcessorConfig();
  const graphqlConfig = loadGraphqlConfig();
  const log = createLog(config.LOG_FORMAT);
  const codeMaps = createCodeMaps(JSON.parse(fs.readFileSync(config.CODE_MAPS_FILE, 'utf8')));
  assertTimeZone(config.CRM_TIMEZONE);
  assertTimeZone(config.OMS_TIMEZONE);

  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  const localStack = !required.every((k) => stackConfig.external.has(k));
  if (!localStack) {
    log('stack', { note: 'all endpoints set in the environment: starting no local services' });
  } else {
    log('stack', { note: 'bringing up the local stack (the first run provisions it: several minutes)' });
    await stackUp(createStackContext(stackConfig));
  }
  const endpoints = loadEndpoints();

  const mongo = new MongoClient(endpoints.MONGO_URL);
  await mongo.connect();
  const { schemaRegistry, decoder } = registryDeps(endpoints.SCHEMA_REGISTRY_URL);
  const pipeline = createPipeline({
    brokers: endpoints.KAFKA_BROKERS,
    groupId: config.PROCESSOR_GROUP_ID,
    dlqTopic: config.DLQ_TOPIC,
    stateTopic: config.STATE_TOPIC,
    stateTopicPartitions: config.STATE_TOPIC_PARTITIONS,
    schemaRegistry,
    routes: {
      crmTopic: config.CRM_TOPIC,
      billingTopic: config.BILLING_TOPIC,
      omsTopic: config.OMS_TOPIC,
      crmTimeZone: config.CRM_TIMEZONE,
      omsTimeZone: config.OMS_TIMEZONE,
    },
    codeMaps,
    decoder,
    db: mongo.db(config.MONGO_DB),
    log,
  });
  await pipeline.start();
  const http = createHttpServer({
    host: config.PROCESSOR_HTTP_HOST,
    port: config.PROCESSOR_HTTP_PORT,
    registry: pipeline.registry,
    ready: () => pipeline.ready(),
  });
  await http.start();
  log('http', {
    metrics: `http://${config.PROCESSOR_HTTP_HOST}:${config.PROCESSOR_HTTP_PORT}/metrics`,
    health: '/healthz',
    ready: '/readyz',
  });
  log('view', {
    mongo: endpoints.MONGO_URL,
    db: config.MONGO_DB,
    collections: 'customers, orders, facts, progress',
    statusTopic: config.STATE_TOPIC,
  });
  const api = createGraphqlServer({
    db: mongo.db(config.MONGO_DB),
    config: graphqlConfig,
    log,
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: config.STATE_TOPIC },
    registry: schemaRegistry,
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
  await pipeline.stop();
  await http.stop();
  await mongo.close();
  return 0;
}

runMain(main);
