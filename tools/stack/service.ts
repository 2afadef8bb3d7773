import type { StackConfig } from '../../src/config/stack-config';
import type { EndpointKey } from '../../src/config/endpoints';
import type { DaemonSpec } from './process-control';
import type { StackPaths } from './paths';
import type { Reporter } from './reporter';
import type { Toolchain } from './tools';

export interface StackContext {
  config: StackConfig;
  paths: StackPaths;
  reporter: Reporter;
  /** Resolved lazily: `status` and `down` must work without Java or Maven installed. */
  tools: () => Toolchain;
}

export interface PortSpec {
  port: number;
  /** The variable that moves this port, named in "port in use" errors. */
  variable: string;
}

/** One local service: how to prepare, start and probe it. Every step is idempotent. */
export interface ServiceDef {
  name: string;
  /** Endpoint variables this service stands for; when the user sets all of them it is not started. */
  provides: EndpointKey[];
  ports: (ctx: StackContext) => PortSpec[];
  /** First-time setup (initdb, storage format, config files); a no-op when already done. */
  prepare: (ctx: StackContext) => Promise<void>;
  daemon: (ctx: StackContext) => Omit<DaemonSpec, 'logFile' | 'pidFile'>;
  /** Readiness: answers real requests, not merely an open port. */
  ready: (ctx: StackContext) => Promise<boolean>;
  /** Signal for a prompt, clean stop. Default SIGTERM (PostgreSQL's SIGTERM waits for every client). */
  stopSignal?: NodeJS.Signals;
  /** Setup that needs the running service (users, demo data, connectors); idempotent. */
  afterReady?: (ctx: StackContext) => Promise<void>;
}

export function isExternal(def: ServiceDef, ctx: StackContext): boolean {
  return def.provides.every((k) => ctx.config.external.has(k));
}
