/**
 * Endpoints of the production commands (`customer-view processors`, `customer-view api`): only the
 * ones each needs, only from the environment. Unlike `loadEndpoints` there is no fallback to the
 * local stack's `endpoints.env` and nothing is provisioned: a missing endpoint is a startup error, and
 * every missing or invalid variable is listed at once.
 */
import { z } from 'zod';
import { endpointsSchema, type EndpointKey, type Endpoints } from './endpoints';
import { ConfigError, parseEnv, type EnvSource } from './parse';

/** What each endpoint is, for the error that says it is missing. */
const WHAT: Record<EndpointKey, string> = {
  KAFKA_BROKERS: 'Kafka bootstrap servers, host:port[,host:port]',
  CONNECT_URL: 'Kafka Connect REST URL',
  SCHEMA_REGISTRY_URL: 'Confluent-compatible schema registry URL',
  MONGO_URL: 'MongoDB connection string of the view',
  CRM_MARIADB_URL: 'CRM MariaDB URL',
  BILLING_PG_URL: 'Billing PostgreSQL URL',
  OMS_PG_URL: 'OMS PostgreSQL URL',
  GRAPHQL_URL: 'GraphQL API URL',
};

const isSet = (env: EnvSource, k: string) => env[k] !== undefined && env[k] !== '';

export function parseServiceEndpoints<R extends EndpointKey, O extends EndpointKey = never>(
  env: EnvSource,
  required: readonly R[],
  optional: readonly O[] = [],
): Pick<Endpoints, R> & Partial<Pick<Endpoints, O>> {
  const problems = required
    .filter((k) => !isSet(env, k))
    .map((k) => `${k}: is not set (${WHAT[k]}); this command starts and provisions nothing`);
  // Parse what is set, so a malformed value is reported beside the missing ones.
  const present = [...required, ...optional].filter((k) => isSet(env, k));
  const shape = Object.fromEntries(present.map((k) => [k, endpointsSchema.shape[k]]));
  let parsed: Record<string, unknown> = {};
  try {
    parsed = parseEnv(z.object(shape), Object.fromEntries(present.map((k) => [k, env[k]])));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed as Pick<Endpoints, R> & Partial<Pick<Endpoints, O>>;
}
