/**
 * `connectors delete --yes <name...>`: removes connectors from Connect. Without --yes it only says
 * what it would delete and exits 1, so a forgotten flag in a script fails loudly. What stays behind
 * is said too: the source offsets in `_connect-offsets` (a connector created again under the same
 * name resumes there) and a PostgreSQL replication slot, which holds WAL until a DBA drops it.
 */
import { ConnectError } from '../../../connect/connect-client';
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';

export async function remove(ctx: ConnectorsContext): Promise<ExitCode> {
  const found: { name: string; slot?: string }[] = [];
  for (const name of ctx.args.names) {
    const config = await ctx.client.getConfig(name);
    if (!config) throw new ConnectError(`no such connector: ${name}`, 404);
    found.push({ name, ...(config['slot.name'] !== undefined && { slot: config['slot.name'] }) });
  }
  const doIt = ctx.args.yes && !ctx.args.dryRun;
  if (doIt) for (const { name } of found) await ctx.client.remove(name);
  ctx.out({ deleted: doIt, connectors: found }, () => [
    ...found.map(
      ({ name, slot }) =>
        `${name}: ${doIt ? 'deleted' : 'would delete'}` +
        (slot ? ` (replication slot ${slot} stays, holding WAL: drop it or re-create the connector)` : ''),
    ),
    doIt
      ? 'offsets stay in _connect-offsets: a connector created again under the same name resumes from them'
      : 'nothing deleted: add --yes',
  ]);
  return doIt || ctx.args.dryRun ? EXIT.ok : EXIT.error;
}
