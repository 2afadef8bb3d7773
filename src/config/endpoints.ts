import { z } from 'zod';
import { parseEnv, urlSchema, type EnvSource } from './parse';

/**
 * Endpoints of the services the pipeline, the API and the tests talk to. The same names are used by
 * `.stack/endpoints.env`, docker-compose.yml and the README.
 */
export const ENDPOINT_KEYS = [
  'KAFKA_BROKERS',
  'CONNECT_URL',
  'SCHEMA_REGISTRY_URL',
  'MONGO_URL',
  'CRM_MARIADB_URL',
  'BILLING_PG_URL',
  'OMS_PG_URL',
  'GRAPHQL_URL',
] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

const brokersSchema = z
  .string()
  .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]')
  .transform((s) => s.split(','));

export const endpointsSchema = z.object({
  /** Kafka bootstrap servers, comma separated. */
  KAFKA_BROKERS: brokersSchema,
  /** Kafka Connect REST API. */
  CONNECT_URL: urlSchema,
  /** Confluent-compatible schema registry API (Apicurio: .../apis/ccompat/v7). */
  SCHEMA_REGISTRY_URL: urlSchema,
  /** MongoDB connection string (FerretDB locally). */
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  /** CRM MariaDB, admin URL (reconciliation and demo writes only). */
  CRM_MARIADB_URL: z.string().regex(/^(mysql|mariadb):\/\//, 'must be a mysql:// or mariadb:// URL'),
  /** Billing PostgreSQL, admin URL. */
  BILLING_PG_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** OMS PostgreSQL, admin URL. */
  OMS_PG_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** GraphQL endpoint, once the API runs. */
  GRAPHQL_URL: urlSchema.optional(),
});
export type Endpoints = z.infer<typeof endpointsSchema>;

/** Endpoint variables set in `env`: those services are external and the stack starts none of them. */
export function externalEndpoints(env: EnvSource): Map<EndpointKey, string> {
  const out = new Map<EndpointKey, string>();
  for (const k of ENDPOINT_KEYS) {
    const v = env[k];
    if (v !== undefined && v !== '') out.set(k, v);
  }
  return out;
}

/** Endpoints from the environment, falling back per variable to the values the local stack wrote. */
export function resolveEndpoints(env: EnvSource, stackFile: EnvSource): Endpoints {
  const merged: Record<string, string | undefined> = {};
  for (const key of ENDPOINT_KEYS) merged[key] = env[key] || stackFile[key];
  return parseEnv(endpointsSchema, merged);
}

/** Parses KEY=VALUE lines (comments and blank lines ignored), as written to `.stack/endpoints.env`. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function formatEnvFile(values: Record<string, string>, header: string): string {
  const lines = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  return `# ${header}\n${lines.join('\n')}\n`;
}

/**
 * The environment of a child process of ours (tests, benchmarks) that should use these endpoints
 * and nothing else of the parent's configuration: PATH and HOME, the endpoints, then `extra`.
 */
export function childEnv(endpoints: Endpoints, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  for (const key of ENDPOINT_KEYS) {
    const v = endpoints[key];
    if (v !== undefined) env[key] = Array.isArray(v) ? v.join(',') : v;
  }
  return { ...env, ...extra };
}
