import path from 'node:path';
import { z } from 'zod';
import { KEY_READ_SHAPES } from '../store/key-reads';
import { parseEnv, portSchema, type EnvSource } from './parse';
import { REPO_ROOT } from './stack-config';

/** Settings of the stream processors. Endpoints come from src/config/endpoints.ts. */
export const processorConfigSchema = z.object({
  /** Consumer group of the processors. Default customer-state-view. */
  PROCESSOR_GROUP_ID: z.string().min(1).default('customer-state-view'),
  /** Debezium topic of crm.customers. Default crm.crm.customers. */
  CRM_TOPIC: z.string().min(1).default('crm.crm.customers'),
  /** Debezium topic of billing accounts. Default billing.public.accounts. */
  BILLING_TOPIC: z.string().min(1).default('billing.public.accounts'),
  /** Debezium topic of OMS orders. Default oms.public.orders. */
  OMS_TOPIC: z.string().min(1).default('oms.public.orders'),
  /** Where poison messages go, with their coordinates and reason. Default customer-state-view.dlq. */
  DLQ_TOPIC: z.string().min(1).default('customer-state-view.dlq'),
  /** Topic of customer status changes (Avro). Default customer-state.v1. */
  STATE_TOPIC: z.string().min(1).default('customer-state.v1'),
  /** Partitions of the status topic when the processors create it. Default 3. */
  STATE_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  /** Zone of CRM's zone-less DATETIME columns. Default Asia/Shanghai. */
  CRM_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** Zone of OMS's zone-less timestamp columns. Default Asia/Shanghai. */
  OMS_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** MongoDB database of the view. Default customer_state_view. */
  MONGO_DB: z.string().min(1).default('customer_state_view'),
  /** Bind address of /metrics, /healthz, /readyz. Default 127.0.0.1. */
  PROCESSOR_HTTP_HOST: z.string().default('127.0.0.1'),
  /** Port of /metrics, /healthz, /readyz. Default 9400. */
  PROCESSOR_HTTP_PORT: portSchema.default(9400),
  /** Log lines as `pretty` text (default) or `json`, one object per line. */
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  /**
   * How the store reads many documents by key: `in` (one `$in` query per 1,000 keys: MongoDB),
   * `equality` (one query per key: what FerretDB serves from its indexes) or `auto` (asks the server).
   * Default auto.
   */
  PROCESSOR_KEY_READS: z.enum(['auto', ...KEY_READ_SHAPES]).default('auto'),
  /** Bytes fetched per partition and request. Default 1048576. */
  PROCESSOR_MAX_BYTES_PER_PARTITION: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Bytes fetched per request over all partitions: the upper bound of one batch. Default 10485760. */
  PROCESSOR_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Source rows remembered between batches (their next change needs no read). Default 20000. */
  PROCESSOR_REMEMBER_ROWS: z.coerce.number().int().min(0).default(20_000),
  /** Customer documents remembered between batches. Default 10000. */
  PROCESSOR_REMEMBER_CUSTOMERS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Concurrent commands a batch's large bulk of updates is split into, so the store applies them on
   * more than one connection (store/parallel-updates.ts). Default 4.
   */
  PROCESSOR_WRITE_PARTS: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * Deadline of every MongoDB operation of the processors and the CLI, in ms: a store that does not
   * answer fails the batch (which is re-read) instead of hanging it. Default 30000.
   */
  MONGO_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Status changes kept per customer in its document (`Customer.statusHistory`), oldest dropped first;
   * 0 keeps none. Default 50.
   */
  STATUS_HISTORY_LIMIT: z.coerce.number().int().min(0).max(1000).default(50),
  /** Code maps file. Default mappings/code-maps.json. */
  CODE_MAPS_FILE: z.string().default(path.join(REPO_ROOT, 'mappings', 'code-maps.json')),
});
export type ProcessorConfig = z.infer<typeof processorConfigSchema>;

export function parseProcessorConfig(env: EnvSource): ProcessorConfig {
  return parseEnv(processorConfigSchema, env);
}
