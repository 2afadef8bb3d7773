import path from 'node:path';
import { z } from 'zod';
import { booleanSchema, parseEnv, portSchema, type EnvSource } from './parse';
import { externalEndpoints, type EndpointKey } from './endpoints';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Settings of the local stack (`npm run stack:*`). Every port is movable so it can dodge local services. */
export const stackConfigSchema = z.object({
  /** Where downloads, builds, data, logs and pid files live. Default: <repo>/.stack */
  STACK_DIR: z.string().default(path.join(REPO_ROOT, '.stack')),
  /** PostgreSQL (billing, oms, registry storage). Default 15432: clear of a system PostgreSQL on 5432. */
  STACK_PG_PORT: portSchema.default(15432),
  /** MariaDB (crm). Default 13306: clear of a system MariaDB/MySQL on 3306. */
  STACK_MARIADB_PORT: portSchema.default(13306),
  /** Kafka broker listener. Default 19092. */
  STACK_KAFKA_PORT: portSchema.default(19092),
  /** Kafka KRaft controller listener. Default 19093. */
  STACK_KAFKA_CONTROLLER_PORT: portSchema.default(19093),
  /** Kafka Connect REST API. Default 18083. */
  STACK_CONNECT_PORT: portSchema.default(18083),
  /** Apicurio schema registry HTTP. Default 18081: clear of anything on 8080/8081. */
  STACK_REGISTRY_PORT: portSchema.default(18081),
  /** Apicurio's management interface (health, metrics); bound to 127.0.0.1. Default 18082. */
  STACK_REGISTRY_MANAGEMENT_PORT: portSchema.default(18082),
  /** FerretDB (MongoDB wire). Default 27117: clear of a MongoDB on 27017. */
  STACK_MONGO_PORT: portSchema.default(27117),
  /** JDK for Kafka and Connect (17+). Default: the `java` on PATH. */
  STACK_JAVA_HOME: z.string().optional(),
  /** JDK for Apicurio Registry 3 (21+). Default: the newest JDK found under /usr/lib/jvm. */
  STACK_REGISTRY_JAVA_HOME: z.string().optional(),
  /** Seconds a service may take to pass its readiness probe. Default 180. */
  STACK_PROBE_TIMEOUT_S: z.coerce.number().positive().default(180),
  /** Install missing Debian packages with apt-get when running as root. Default true. */
  STACK_AUTO_INSTALL: booleanSchema.default(true),
  /** Converter of the Debezium connectors the stack registers: json (default) or avro. */
  CONNECTOR_FORMAT: z.enum(['json', 'avro']).default('json'),
  /** GraphQL API bind host. Default 127.0.0.1. */
  GRAPHQL_HOST: z.string().default('127.0.0.1'),
  /** GraphQL API port. Default 4000. */
  GRAPHQL_PORT: portSchema.default(4000),
});

export type StackConfig = z.infer<typeof stackConfigSchema> & {
  /** Endpoint variables set by the user: those services are external and never started locally. */
  external: Map<EndpointKey, string>;
};

export function parseStackConfig(env: EnvSource): StackConfig {
  return { ...parseEnv(stackConfigSchema, env), external: externalEndpoints(env) };
}
