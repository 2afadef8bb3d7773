/**
 * `connectors restart --failed`: restarts the FAILED connectors and tasks (Connect's
 * `restart?includeTasks=true&onlyFailed=true`); RUNNING ones are not touched, so it is safe to run
 * from a cron job. A connector with nothing failed gets no request at all.
 */
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';
import { hasFailure, readStatuses } from './status';

export async function restart(ctx: ConnectorsContext): Promise<ExitCode> {
  const failed = (await readStatuses(ctx)).filter(hasFailure);
  const restarted: { name: string; failed: string[] }[] = [];
  for (const s of failed) {
    const what = [
      ...(s.connector.state === 'FAILED' ? ['connector'] : []),
      ...s.tasks.filter((t) => t.state === 'FAILED').map((t) => `task ${t.id}`),
    ];
    if (!ctx.args.dryRun) await ctx.client.restart(s.name, { onlyFailed: true });
    restarted.push({ name: s.name, failed: what });
  }
  const verb = ctx.args.dryRun ? 'would restart' : 'restarted';
  ctx.out({ dryRun: ctx.args.dryRun, restarted }, () =>
    restarted.length
      ? restarted.map((r) => `${r.name}: ${verb} ${r.failed.join(', ')}`)
      : ['nothing FAILED, nothing restarted'],
  );
  return EXIT.ok;
}
