/** A processor pipeline on the real stack with private topics and database, as the tests need it. */
import type { Db } from 'mongodb';
import codeMapsJson from '../../../mappings/code-maps.json';
import { createCodeMaps, type CodeMapsFile } from '../../../src/domain/code-maps';
import { createPipeline, type Pipeline } from '../../../src/processors/pipeline';
import { registryDeps } from '../../../src/processors/registry-deps';
import { endpoints } from './endpoints';
import { uniqueName } from './wait-for';

export interface TestPipelineOptions {
  db: Db;
  topics?: { crm: string; billing: string; oms: string };
  groupId?: string;
  dlqTopic?: string;
  stateTopic?: string;
  codeMaps?: CodeMapsFile;
  log?: (event: string, fields?: Record<string, unknown>) => void;
}

export function createTestPipeline(opts: TestPipelineOptions): Pipeline & {
  groupId: string;
  dlqTopic: string;
  stateTopic: string;
} {
  const topics = opts.topics ?? {
    crm: 'crm.crm.customers',
    billing: 'billing.public.accounts',
    oms: 'oms.public.orders',
  };
  const groupId = opts.groupId ?? uniqueName('csv_test');
  const dlqTopic = opts.dlqTopic ?? uniqueName('dlq');
  const stateTopic = opts.stateTopic ?? uniqueName('state');
  const pipeline = createPipeline({
    brokers: endpoints.KAFKA_BROKERS,
    groupId,
    dlqTopic,
    stateTopic,
    ...registryDeps(endpoints.SCHEMA_REGISTRY_URL),
    routes: {
      crmTopic: topics.crm,
      billingTopic: topics.billing,
      omsTopic: topics.oms,
      crmTimeZone: 'Asia/Shanghai',
      omsTimeZone: 'Asia/Shanghai',
    },
    codeMaps: createCodeMaps(opts.codeMaps ?? codeMapsJson),
    db: opts.db,
    log: opts.log ?? (() => undefined),
  });
  return Object.assign(pipeline, { groupId, dlqTopic, stateTopic });
}
