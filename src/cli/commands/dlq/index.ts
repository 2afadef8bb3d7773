/** `customer-view dlq`: read the dead-letter topic and replay its messages after a fix. */
import type { CliCommand } from '../../command';
import { subcommandRunner } from '../../subcommands';
import { parseDlqArgs } from './args';
import { createDlqContext } from './context';
import { list } from './list';
import { replay } from './replay';
import { show } from './show';

const HELP = `Usage: customer-view dlq <list|show|replay> [options]

The processors set aside what they cannot use (undecodable messages, unknown codes) on the
dead-letter topic (DLQ_TOPIC, default customer-state-view.dlq): the original key, value and headers, with the
source topic, partition, offset, reason and error in headers.

Subcommands:
  list                     counts by reason and a table of the letters (LETTER is partition:offset)
  show <partition:offset>  one letter whole: coordinates, reason, error, key, value, headers
  replay                   produce the original messages back onto their source topic and partition
                           (key, value and headers kept, plus csv.replayed.from / csv.replayed.at),
                           so the processors take them again after a fix. Idempotent: the view's
                           writes are guarded by the source position, and each original goes once
                           per run however many letters it has.

Options:
  --since <iso time>   only letters set aside at or after this time, e.g. 2026-11-29T10:00:00Z
  --reason <reason>    only letters of this reason (e.g. unknown-code, malformed)
  --topic <name>       dead-letter topic (default DLQ_TOPIC)
  --limit <n>          list: rows shown, the last n (default 50); the counts cover all
  --dry-run            replay: say what would be replayed, produce nothing
  --json               machine-readable output on stdout
  -h, --help           this text

Exit codes: 0 ok, 1 error (bad arguments, Kafka unreachable or too slow, no such topic or letter).

Environment: KAFKA_BROKERS (default: the local stack's), DLQ_TOPIC, DLQ_TIMEOUT_MS (deadline of
reading the topic to its end and of each produce, default 30000).

After an unknown code: add it to mappings/code-maps.json (raise "version"), restart the processors,
then replay. Or run \`remap\`, which rebuilds from stored facts without Kafka.

Examples:
  customer-view dlq list
  customer-view dlq list --reason unknown-code --since 2026-11-29T00:00:00Z
  customer-view dlq show 0:42
  customer-view dlq replay --reason unknown-code --dry-run
  customer-view dlq replay --reason unknown-code`;

export const dlqCommand: CliCommand = {
  name: 'dlq',
  summary: 'list, show and replay the dead letters of the processors',
  help: HELP,
  run: subcommandRunner('dlq', HELP, parseDlqArgs, async (args, io) => {
    const ctx = createDlqContext(args, io);
    if (args.sub === 'list') return list(ctx);
    if (args.sub === 'show') return show(ctx);
    return replay(ctx);
  }),
};
