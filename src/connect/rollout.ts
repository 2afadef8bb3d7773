import { AppError } from '../shared/errors';
import type { ConnectClient } from './connect-client';
import type { ConnectorDefinition } from './connector-configs';

export type RolloutOutcome = 'created' | 'updated' | 'unchanged';

function sameConfig(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Puts one connector config in place. An identical config is left alone: re-PUTting it would make
 * Connect restart the connector's tasks for nothing.
 */
export async function rolloutConnector(
  client: ConnectClient,
  def: ConnectorDefinition,
): Promise<RolloutOutcome> {
  const current = await client.getConfig(def.name);
  if (current && sameConfig(current, def.config)) return 'unchanged';
  await client.putConfig(def.name, def.config);
  return current ? 'updated' : 'created';
}

/** A connector or task FAILED (with its whole `trace`), or RUNNING was not reached in time. */
export class ConnectorNotRunningError extends AppError {
  constructor(
    message: string,
    readonly trace?: string,
  ) {
    super('connector-not-running', message, {
      hint: trace
        ? 'fix the config or the source, then `customer-view connectors apply` again (or `restart --failed`)'
        : 'see `customer-view connectors status` and the Connect worker log',
    });
    this.name = 'ConnectorNotRunningError';
  }
}

/**
 * Polls until the connector and all its tasks run; a FAILED state ends the wait with its trace.
 * `settleMs`: RUNNING must hold that long. Right after a config change the status can still be the
 * old tasks' RUNNING while Connect restarts them, so a rollout waits for the new state to hold.
 */
export async function waitForRunning(
  client: ConnectClient,
  name: string,
  timeoutMs: number,
  {
    settleMs = 0,
    staleTraces = new Set<string>(),
    staleGraceMs = 20_000,
  }: {
    settleMs?: number;
    /**
     * Traces of what FAILED before a config change: for up to `staleGraceMs` the status can still
     * show the old failure while Connect restarts the tasks with the new config.
     */
    staleTraces?: Set<string>;
    staleGraceMs?: number;
  } = {},
): Promise<void> {
  const started = Date.now();
  const deadline = Date.now() + timeoutMs;
  let last = 'no status yet';
  let runningSince: number | undefined;
  while (Date.now() < deadline) {
    const status = await client.status(name).catch(() => undefined);
    if (status) {
      const failed = [status.connector, ...status.tasks].find(
        (s) =>
          s.state === 'FAILED' && !(staleTraces.has(s.trace ?? '') && Date.now() - started < staleGraceMs),
      );
      if (failed)
        throw new ConnectorNotRunningError(
          `connector ${name} FAILED:\n${(failed.trace ?? '').split('\n').slice(0, 8).join('\n')}`,
          failed.trace,
        );
      last = `connector ${status.connector.state}, tasks [${status.tasks.map((t) => t.state).join(', ')}]`;
      if (
        status.connector.state === 'RUNNING' &&
        status.tasks.length > 0 &&
        status.tasks.every((t) => t.state === 'RUNNING')
      ) {
        runningSince ??= Date.now();
        if (Date.now() - runningSince >= settleMs) return;
      } else runningSince = undefined;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new ConnectorNotRunningError(`connector ${name} not running after ${timeoutMs / 1000}s (${last})`);
}
