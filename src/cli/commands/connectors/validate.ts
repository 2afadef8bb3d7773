/**
 * `connectors validate`: our checks (config-checks.ts), then Connect's own validation by each
 * connector's plugin (`PUT /connector-plugins/{class}/config/validate`, which for Debezium also
 * connects to the database with the worker's credentials). Every problem is listed, not the first.
 */
import { checkConnectorConfigs, type ConfigProblem } from '../../../connect/config-checks';
import { EXIT, type ExitCode } from '../../command';
import type { ConnectorsContext } from './context';

export async function validate(ctx: ConnectorsContext): Promise<ExitCode> {
  const desired = ctx.desired();
  const problems: (ConfigProblem & { source: 'ours' | 'connect' })[] = checkConnectorConfigs(
    desired.connectors,
    desired,
  ).map((p) => ({ ...p, source: 'ours' }));
  for (const { name, config } of desired.connectors) {
    const pluginClass = config['connector.class'];
    if (!pluginClass) continue;
    const result = await ctx.client.validate(pluginClass, config);
    for (const c of result.configs)
      for (const message of c.value?.errors ?? [])
        problems.push({ connector: name, key: c.definition.name, message, source: 'connect' });
  }
  const names = desired.connectors.map((c) => c.name);
  ctx.out({ env: desired.env ?? null, format: desired.format, connectors: names, problems }, () => [
    `${names.join(', ')} (${desired.env ? `env ${desired.env}, ` : ''}format ${desired.format}): ` +
      (problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'valid'),
    ...problems.map(
      (p) =>
        `  ${p.connector}${p.key ? ` ${p.key}` : ''}: ${p.message}${p.source === 'connect' ? ' (Connect)' : ''}`,
    ),
  ]);
  return problems.length ? EXIT.error : EXIT.ok;
}
