/** A processor pipeline on the real stack with private topics and database, as the tests need it. */
import type { Db } from 'mongodb';
import codeMapsJson from '../../../mappings/code-maps.json';
import { createCodeMaps, type CodeMapsFile } from '../../../src/domain/code-maps';
import { parseProcessorConfig } from '../../../src/config/processor-config';
import { createConfiguredPipeline } from '../../../src/processors/configured-pipeline';
import type { Pipeline } from '../../../src/processors/pipeline';
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
  // The processors' own wiring (customer-view processors), with private names and the defaults of
  // every other variable.
  const config = parseProcessorConfig({
    PROCESSOR_GROUP_ID: groupId,
    DLQ_TOPIC: dlqTopic,
    STATE_TOPIC: stateTopic,
    CRM_TOPIC: topics.crm,
    BILLING_TOPIC: topics.billing,
    OMS_TOPIC: topics.oms,
  });
  const { pipeline } = createConfiguredPipeline({
    config,
    endpoints,
    db: opts.db,
    codeMaps: createCodeMaps(opts.codeMaps ?? codeMapsJson),
    log: opts.log ?? (() => undefined),
  });
  return Object.assign(pipeline, { groupId, dlqTopic, stateTopic });
}
