/**
 * Settings of the operators' commands (`customer-view connectors`, `customer-view dlq`). Each
 * command asks only for the endpoints it talks to, so `connectors` runs where only Connect is
 * reachable; unset endpoints fall back to the local stack's `.stack/endpoints.env`, as everywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { endpointsSchema, parseEnvFile } from './endpoints';
import { parseEnv, type EnvSource } from './parse';
import { parseStackConfig, REPO_ROOT } from './stack-config';

export const connectorsConfigSchema = z.object({
  /** Kafka Connect REST API. Default: the local stack's. */
  CONNECT_URL: endpointsSchema.shape.CONNECT_URL,
  /** Converter format when neither --format nor the overlay names one: json (default) or avro. */
  CONNECTOR_FORMAT: z.enum(['json', 'avro']).default('json'),
  /** Folder of the committed connector definitions. Default <repo>/connectors. */
  CONNECTORS_DIR: z.string().default(path.join(REPO_ROOT, 'connectors')),
  /** Deadline of each Kafka Connect REST call, in ms. Default 10000. */
  CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});
export type ConnectorsConfig = z.infer<typeof connectorsConfigSchema>;

/** The environment with endpoints the user did not set taken from the local stack's endpoints.env. */
function withStackEndpoints(env: EnvSource): EnvSource {
  const file = path.join(parseStackConfig(env).STACK_DIR, 'endpoints.env');
  const fromFile = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
  const merged: Record<string, string | undefined> = { ...env };
  for (const [k, v] of Object.entries(fromFile)) if (!merged[k]) merged[k] = v;
  return merged;
}

export function loadConnectorsConfig(env: EnvSource = process.env): ConnectorsConfig {
  const source = withStackEndpoints(env);
  return parseEnv(connectorsConfigSchema, {
    CONNECT_URL: source.CONNECT_URL,
    CONNECTOR_FORMAT: source.CONNECTOR_FORMAT,
    CONNECTORS_DIR: source.CONNECTORS_DIR,
    CONNECT_TIMEOUT_MS: source.CONNECT_TIMEOUT_MS,
  });
}

export const dlqConfigSchema = z.object({
  /** Kafka bootstrap servers. Default: the local stack's. */
  KAFKA_BROKERS: endpointsSchema.shape.KAFKA_BROKERS,
  /** The dead-letter topic the processors write. Default customer-state-view.dlq. */
  DLQ_TOPIC: z.string().min(1).default('customer-state-view.dlq'),
  /** Deadline of reading the dead-letter topic to its end, and of each produce, in ms. Default 30000. */
  DLQ_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});
export type DlqConfig = z.infer<typeof dlqConfigSchema>;

export function loadDlqConfig(env: EnvSource = process.env): DlqConfig {
  const source = withStackEndpoints(env);
  return parseEnv(dlqConfigSchema, {
    KAFKA_BROKERS: source.KAFKA_BROKERS,
    DLQ_TOPIC: source.DLQ_TOPIC,
    DLQ_TIMEOUT_MS: source.DLQ_TIMEOUT_MS,
  });
}
