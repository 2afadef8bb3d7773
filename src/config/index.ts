/**
 * The one place that reads `process.env`. Everything else receives parsed configuration as a
 * dependency, so tests can pass their own and a bad variable is reported once, at startup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseStackConfig, type StackConfig } from './stack-config';
import { parseEnvFile, resolveEndpoints, type Endpoints } from './endpoints';
import { parseProcessorConfig, type ProcessorConfig } from './processor-config';
import { parseGraphqlConfig, type GraphqlConfig } from './graphql-config';

export { ConfigError } from './parse';
export type { StackConfig } from './stack-config';
export type { Endpoints, EndpointKey } from './endpoints';
export type { ProcessorConfig } from './processor-config';
export type { GraphqlConfig } from './graphql-config';

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return parseStackConfig(env);
}

/** Endpoints from the environment or, where unset, from the local stack's `endpoints.env`. */
export function loadEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const stack = parseStackConfig(env);
  const file = path.join(stack.STACK_DIR, 'endpoints.env');
  const fromFile = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
  return resolveEndpoints(env, fromFile);
}

export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env): ProcessorConfig {
  return parseProcessorConfig(env);
}

export function loadGraphqlConfig(env: NodeJS.ProcessEnv = process.env): GraphqlConfig {
  return parseGraphqlConfig(env);
}
