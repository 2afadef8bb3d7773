/**
 * `connectors diff`: the committed configs (with `--env`'s overlay) against what Connect runs, key by
 * key, secrets redacted. Exit 2 when anything differs, so CI can gate on drift.
 */
import { diffConnector, formatDiff, type ConnectorDiff } from '../../../connect/config-diff';
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';

export async function liveDiffs(ctx: ConnectorsContext): Promise<ConnectorDiff[]> {
  const desired = ctx.desired();
  const diffs: ConnectorDiff[] = [];
  for (const { name, config } of desired.connectors)
    diffs.push(diffConnector(name, config, await ctx.client.getConfig(name)));
  return diffs;
}

export async function diff(ctx: ConnectorsContext): Promise<ExitCode> {
  const diffs = await liveDiffs(ctx);
  const differences = diffs.some((d) => d.state !== 'same');
  ctx.out({ differences, connectors: diffs }, () => formatDiff(diffs));
  return differences ? EXIT.differences : EXIT.ok;
}
