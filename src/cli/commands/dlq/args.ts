/** Arguments of `customer-view dlq list|show|replay`, parsed without I/O (unit tested). */
import { parseArgs } from 'node:util';
import { parseCoordinates } from '../../../dlq/dead-letter';

export type DlqSubcommand = 'list' | 'show' | 'replay';

export interface DlqArgs {
  sub: DlqSubcommand;
  /** `show`: the letter's `partition:offset` in the dead-letter topic. */
  letter?: { partition: number; offset: string };
  since?: Date;
  reason?: string;
  /** Dead-letter topic (default DLQ_TOPIC). */
  topic?: string;
  /** `list`: rows shown (the counts cover all). */
  limit: number;
  dryRun: boolean;
  json: boolean;
  help: boolean;
}

export type ParsedDlqArgs = { ok: true; args: DlqArgs } | { ok: false; error: string };

const ALLOWED: Record<DlqSubcommand, string[]> = {
  list: ['since', 'reason', 'topic', 'limit'],
  show: ['topic'],
  replay: ['since', 'reason', 'topic', 'dry-run'],
};

const OPTIONS = {
  since: { type: 'string' },
  reason: { type: 'string' },
  topic: { type: 'string' },
  limit: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseDlqArgs(argv: string[]): ParsedDlqArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const base = { limit: 50, dryRun: false, json: values.json ?? false, help: values.help ?? false };
  if (!sub) {
    if (values.help) return { ok: true, args: { sub: 'list', ...base } };
    return { ok: false, error: 'a subcommand is missing: list, show or replay' };
  }
  if (sub !== 'list' && sub !== 'show' && sub !== 'replay')
    return { ok: false, error: `unknown subcommand "${sub}": list, show or replay` };
  const wrong = Object.keys(values).filter((k) => k !== 'json' && k !== 'help' && !ALLOWED[sub].includes(k));
  if (wrong.length)
    return { ok: false, error: `${sub} does not take ${wrong.map((w) => `--${w}`).join(', ')}` };
  if (values.help) return { ok: true, args: { sub, ...base } };
  const args: DlqArgs = {
    sub,
    ...base,
    dryRun: values['dry-run'] ?? false,
    ...(values.reason !== undefined && { reason: values.reason }),
    ...(values.topic !== undefined && { topic: values.topic }),
  };
  if (values.since !== undefined) {
    // An ISO date or date-time; without a zone it would silently mean the machine's zone.
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(values.since))
      return {
        ok: false,
        error: `--since must be an ISO time with a zone, e.g. 2026-11-29T10:00:00Z, not "${values.since}"`,
      };
    const since = new Date(values.since);
    if (Number.isNaN(since.getTime()))
      return { ok: false, error: `--since: not a valid time "${values.since}"` };
    args.since = since;
  }
  if (values.limit !== undefined) {
    const n = Number(values.limit);
    if (!Number.isInteger(n) || n < 0)
      return { ok: false, error: `--limit must be a whole number, not "${values.limit}"` };
    args.limit = n;
  }
  if (sub === 'show') {
    if (rest.length !== 1)
      return { ok: false, error: 'show takes one <partition:offset>, as list prints it' };
    const letter = parseCoordinates(rest[0] as string);
    if (!letter) return { ok: false, error: `show: "${rest[0]}" is not <partition:offset>` };
    args.letter = letter;
  } else if (rest.length)
    return { ok: false, error: `${sub} takes no positional arguments (got ${rest.join(' ')})` };
  return { ok: true, args };
}
