/**
 * `connectors pause|resume <name...>|--all`. Pausing stops reading the source but keeps the
 * connector's offsets and (PostgreSQL) its replication slot, whose WAL then grows: resume soon.
 */
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';
import { targetNames } from './context';

export async function pauseOrResume(ctx: ConnectorsContext, action: 'pause' | 'resume'): Promise<ExitCode> {
  const names = await targetNames(ctx);
  if (!ctx.args.dryRun) for (const name of names) await ctx.client[action](name);
  const verb = ctx.args.dryRun ? `would ${action}` : action === 'pause' ? 'paused' : 'resumed';
  ctx.out({ dryRun: ctx.args.dryRun, action, connectors: names }, () =>
    names.length ? names.map((n) => `${n}: ${verb}`) : ['no connectors'],
  );
  return EXIT.ok;
}
