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

/** Polls until the connector and all its tasks run; a FAILED state ends the wait with its trace. */
export async function waitForRunning(client: ConnectClient, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no status yet';
  while (Date.now() < deadline) {
    const status = await client.status(name).catch(() => undefined);
    if (status) {
      const failed = [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
      if (failed)
        throw new Error(
          `connector ${name} FAILED:\n${(failed.trace ?? '').split('\n').slice(0, 8).join('\n')}`,
        );
      last = `connector ${status.connector.state}, tasks [${status.tasks.map((t) => t.state).join(', ')}]`;
      if (
        status.connector.state === 'RUNNING' &&
        status.tasks.length > 0 &&
        status.tasks.every((t) => t.state === 'RUNNING')
      )
        return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`connector ${name} not running after ${timeoutMs / 1000}s (${last})`);
}
