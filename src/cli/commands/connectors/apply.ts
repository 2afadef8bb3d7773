/**
 * `connectors apply`: puts each desired config in place in file order, then waits until the
 * connector and its tasks are RUNNING, and stops at the first that is not, printing its trace (the
 * later connectors are left as they were). Idempotent: an unchanged config is not re-put, which
 * would restart its tasks for nothing; it is still checked to be RUNNING.
 */
import { formatDiff } from '../../../connect/config-diff';
import { rolloutConnector, waitForRunning, ConnectorNotRunningError } from '../../../connect/rollout';
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';
import { liveDiffs } from './diff';

/** How long a changed connector must stay RUNNING before it counts (see waitForRunning). */
const SETTLE_MS = 3000;

export async function apply(ctx: ConnectorsContext): Promise<ExitCode> {
  const desired = ctx.desired();
  if (ctx.args.dryRun) {
    const diffs = await liveDiffs(ctx);
    ctx.out({ dryRun: true, connectors: diffs }, () => [
      ...formatDiff(diffs),
      'dry run: nothing changed (run without --dry-run to apply)',
    ]);
    return EXIT.ok;
  }
  const results: { name: string; outcome: string; state: string; trace?: string }[] = [];
  for (const def of desired.connectors) {
    const started = Date.now();
    const before = await ctx.client.status(def.name);
    const staleTraces = new Set(
      [before?.connector, ...(before?.tasks ?? [])].flatMap((s) =>
        s?.state === 'FAILED' ? [s.trace ?? ''] : [],
      ),
    );
    const outcome = await rolloutConnector(ctx.client, def);
    try {
      await waitForRunning(ctx.client, def.name, ctx.args.timeoutS * 1000, {
        ...(outcome !== 'unchanged' && { settleMs: SETTLE_MS, staleTraces }),
      });
    } catch (e) {
      if (!(e instanceof ConnectorNotRunningError)) throw e;
      results.push({
        name: def.name,
        outcome,
        state: 'NOT RUNNING',
        ...(e.trace !== undefined && { trace: e.trace }),
      });
      const rest = desired.connectors.slice(results.length).map((d) => d.name);
      ctx.out({ ok: false, connectors: results, notApplied: rest, error: e.message }, () => [
        `${def.name}: ${outcome}, NOT RUNNING`,
        e.trace ?? e.message,
        ...(rest.length ? [`not applied: ${rest.join(', ')}`] : []),
      ]);
      return EXIT.error;
    }
    results.push({ name: def.name, outcome, state: 'RUNNING' });
    if (!ctx.args.json)
      ctx.io.stdout(`${line(results.at(-1)!)} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  }
  if (ctx.args.json) ctx.out({ ok: true, connectors: results }, () => []);
  return EXIT.ok;
}

const line = (r: { name: string; outcome: string; state: string }) => `${r.name}: ${r.outcome}, ${r.state}`;
