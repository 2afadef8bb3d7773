/** `customer-view connectors`: roll the committed Debezium connector configs out and operate them. */
import type { CliCommand } from '../../command';
import { subcommandRunner } from '../../subcommands';
import { apply } from './apply';
import { parseConnectorsArgs } from './args';
import { createConnectorsContext } from './context';
import { remove } from './delete';
import { diff } from './diff';
import { pauseOrResume } from './pause-resume';
import { restart } from './restart';
import { status } from './status';
import { validate } from './validate';

const HELP = `Usage: customer-view connectors <subcommand> [name...] [options]

Roll out the Debezium connector configs committed in connectors/ to Kafka Connect, and operate them.
Desired config = connectors/<name>.json + connectors/formats/<format>.json + connectors/env/<env>.json.

Subcommands:
  validate [name...]          our checks (no literal secrets, placeholders, unique slots/ids/prefixes)
                              plus Connect's plugin validation; lists every problem; exit 1 if any
  diff [name...]              desired vs live, key by key, secrets redacted; exit 2 when different
  apply [name...]             put changed configs in file order, wait for each to be RUNNING, stop at
                              the first that is not and print its trace; unchanged configs are not re-put
  status [name...]            connector and task states (all live connectors by default);
                              exit 2 if anything FAILED
  restart --failed [name...]  restart FAILED connectors and tasks only
  pause <name...>|--all       stop reading the sources (offsets and replication slots are kept)
  resume <name...>|--all
  delete --yes <name...>      remove connectors (without --yes: say what would go, exit 1)

Options:
  --env <name>        overlay connectors/env/<name>.json (validate, diff, apply); e.g. local
  --format json|avro  converters (default: the overlay's "format", else CONNECTOR_FORMAT, else json)
  --dir <path>        folder of the definitions (default CONNECTORS_DIR, i.e. connectors/)
  --dry-run           apply, restart, pause, resume, delete: show what would change, change nothing
  --timeout <s>       apply: how long each connector may take to reach RUNNING (default 120)
  --yes               delete: really delete
  --json              machine-readable output on stdout
  -h, --help          this text

Exit codes: 0 ok, 1 error (bad arguments, invalid config, Connect unreachable, a connector not
RUNNING), 2 differences (diff) or something FAILED (status).

Environment: CONNECT_URL (default: the local stack's), CONNECTOR_FORMAT, CONNECTORS_DIR,
CONNECT_TIMEOUT_MS (deadline of each REST call, default 10000). Secrets are never in these files:
they are \${env:NAME} or \${file:/path:key} placeholders that the Connect worker resolves.

Examples:
  customer-view connectors validate --env local
  customer-view connectors diff --env prod            # exit 2 if prod drifted from git
  customer-view connectors apply --env prod --dry-run
  customer-view connectors apply --env prod crm       # only crm
  customer-view connectors status --json
  customer-view connectors restart --failed
  customer-view connectors pause oms && customer-view connectors resume oms
  customer-view connectors delete --yes billing-old`;

export const connectorsCommand: CliCommand = {
  name: 'connectors',
  summary: 'validate, diff, apply and operate the Debezium connectors on Kafka Connect',
  help: HELP,
  run: subcommandRunner('connectors', HELP, parseConnectorsArgs, async (args, io) => {
    const ctx = createConnectorsContext(args, io);
    switch (args.sub) {
      case 'validate':
        return validate(ctx);
      case 'diff':
        return diff(ctx);
      case 'apply':
        return apply(ctx);
      case 'status':
        return status(ctx);
      case 'restart':
        return restart(ctx);
      case 'pause':
      case 'resume':
        return pauseOrResume(ctx, args.sub);
      case 'delete':
        return remove(ctx);
    }
  }),
};
