/**
 * `connectors status`: state of each connector and its tasks, with the first line of any trace.
 * Exit 2 when a connector or task is FAILED (for cron and probes), 0 otherwise.
 */
import type { ConnectorStatus } from '../../../connect/connect-client';
import { ConnectError } from '../../../connect/connect-client';
import { EXIT, type ExitCode } from '../../command';
import { formatTable } from '../../format-table';
import type { ConnectorsContext } from './context';

export async function readStatuses(ctx: ConnectorsContext): Promise<ConnectorStatus[]> {
  if (!ctx.args.names.length)
    return (await ctx.client.statusAll()).sort((a, b) => a.name.localeCompare(b.name));
  const out: ConnectorStatus[] = [];
  for (const name of ctx.args.names) {
    const s = await ctx.client.status(name);
    if (!s) throw new ConnectError(`no such connector: ${name}`, 404);
    out.push(s);
  }
  return out;
}

export const hasFailure = (s: ConnectorStatus) =>
  s.connector.state === 'FAILED' || s.tasks.some((t) => t.state === 'FAILED');

const firstLine = (trace?: string) => (trace ?? '').split('\n')[0]?.slice(0, 160) ?? '';

export async function status(ctx: ConnectorsContext): Promise<ExitCode> {
  const statuses = await readStatuses(ctx);
  const failed = statuses.some(hasFailure);
  ctx.out({ failed, connectors: statuses }, () => {
    if (!statuses.length) return ['no connectors'];
    const rows = statuses.map((s) => [
      s.name,
      s.connector.state,
      s.tasks.map((t) => `${t.id}:${t.state}`).join(' ') || '-',
      s.connector.worker_id,
      firstLine(s.connector.trace || s.tasks.find((t) => t.trace)?.trace),
    ]);
    return [formatTable(['CONNECTOR', 'STATE', 'TASKS', 'WORKER', 'TRACE'], rows)];
  });
  return failed ? EXIT.differences : EXIT.ok;
}
