/**
 * The pipeline as the configuration describes it: the one place that turns ProcessorConfig into
 * createPipeline's dependencies, shared by the processor service (npm start, customer-view processors),
 * the benchmark and the tests, so none of them wires topics, limits or the registry its own way.
 */
import type { Db } from 'mongodb';
import type { Endpoints, ProcessorConfig } from '../config';
import type { CodeMaps } from '../domain/code-maps';
import type { Log } from '../shared/logger';
import { createPipeline, type PipelineDeps } from './pipeline';
import { registryDeps } from './registry-deps';

export interface ConfiguredPipelineDeps {
  config: ProcessorConfig;
  endpoints: Pick<Endpoints, 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL'>;
  /** The view's database (config.MONGO_DB of a client the caller owns). */
  db: Db;
  codeMaps: CodeMaps;
  log: Log;
  /** Write this database whatever the generation pointer says (a rebuild); see pipeline.ts. */
  target?: PipelineDeps['target'];
  throttle?: PipelineDeps['throttle'];
}

export function createConfiguredPipeline({
  config,
  endpoints,
  db,
  codeMaps,
  log,
  target,
  throttle,
}: ConfiguredPipelineDeps) {
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
    db,
    log,
    keyReads: config.PROCESSOR_KEY_READS,
    maxBytesPerPartition: config.PROCESSOR_MAX_BYTES_PER_PARTITION,
    maxBytes: config.PROCESSOR_MAX_BYTES,
    remember: { rows: config.PROCESSOR_REMEMBER_ROWS, customers: config.PROCESSOR_REMEMBER_CUSTOMERS },
    writeParts: config.PROCESSOR_WRITE_PARTS,
    statusHistoryLimit: config.STATUS_HISTORY_LIMIT,
    ...(target && { target }),
    ...(throttle && { throttle }),
  });
  return { pipeline, schemaRegistry };
}
