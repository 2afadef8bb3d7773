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
import { parseServiceEndpoints } from './service-endpoints';
import { parseShutdownConfig, type ShutdownConfig } from './shutdown-config';
import type { EndpointKey } from './endpoints';

export { ConfigError, loadTogether } from './parse';
export type { ShutdownConfig } from './shutdown-config';
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

/** `defaults` stand in for unset variables: what a caller (the demo) turns on unless told otherwise. */
export function loadGraphqlConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: Record<string, string> = {},
): GraphqlConfig {
  return parseGraphqlConfig({ ...defaults, ...env });
}

/**
 * The endpoints a production command needs, from the environment only: never the local stack's
 * file, so a missing variable fails the start instead of reaching a developer's stack.
 */
export function loadServiceEndpoints<R extends EndpointKey, O extends EndpointKey = never>(
  required: readonly R[],
  optional: readonly O[] = [],
  env: NodeJS.ProcessEnv = process.env,
) {
  return parseServiceEndpoints(env, required, optional);
}

export function loadShutdownConfig(env: NodeJS.ProcessEnv = process.env): ShutdownConfig {
  return parseShutdownConfig(env);
}

/**
 * For one-shot operators' commands (`remap`) beside the demo: endpoints from the environment, an unset
 * one from the local stack's `endpoints.env` if that file exists. Only the endpoints asked for are
 * required.
 */
export function loadEndpointsOrLocalStack<R extends EndpointKey>(
  required: readonly R[],
  env: NodeJS.ProcessEnv = process.env,
) {
  const file = path.join(parseStackConfig(env).STACK_DIR, 'endpoints.env');
  const fromFile = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v) merged[k] = v;
  return parseServiceEndpoints(merged, required);
}
