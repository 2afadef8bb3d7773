/** What every `connectors` subcommand works with: the parsed config, a Connect client, desired configs. */
import { loadConnectorsConfig, type ConnectorsConfig } from '../../../config/operator-config';
import { createConnectClient, type ConnectClient } from '../../../connect/connect-client';
import { loadDesiredConnectors, type DesiredConnectors } from '../../../connect/desired-connectors';
import type { CliIo } from '../../command';
import type { ConnectorsArgs } from './args';

export interface ConnectorsContext {
  args: ConnectorsArgs;
  config: ConnectorsConfig;
  client: ConnectClient;
  io: CliIo;
  /** Desired configs of the named (or all) committed connectors, composed for `--env`/`--format`. */
  desired(): DesiredConnectors;
  /** Prints `value` as JSON when --json is set, else the text lines. */
  out(value: unknown, lines: () => string[]): void;
}

export function createConnectorsContext(args: ConnectorsArgs, io: CliIo): ConnectorsContext {
  const config = loadConnectorsConfig();
  return {
    args,
    config,
    io,
    client: createConnectClient({ baseUrl: config.CONNECT_URL, timeoutMs: config.CONNECT_TIMEOUT_MS }),
    desired: () =>
      loadDesiredConnectors({
        dir: args.dir ?? config.CONNECTORS_DIR,
        env: args.env,
        format: args.format,
        defaultFormat: config.CONNECTOR_FORMAT,
        names: args.names,
      }),
    out(value, lines) {
      if (args.json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
      else {
        const text = lines();
        if (text.length) io.stdout(`${text.join('\n')}\n`);
      }
    },
  };
}

/** Live connector names covered by a subcommand: the ones named, else every one Connect runs. */
export async function targetNames(ctx: ConnectorsContext): Promise<string[]> {
  return ctx.args.names.length ? ctx.args.names : (await ctx.client.list()).sort();
}
