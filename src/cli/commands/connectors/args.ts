/**
 * Arguments of `customer-view connectors <subcommand> [name...] [options]`, parsed without I/O so
 * the rules (which flag goes with which subcommand) are unit tested.
 */
import { parseArgs } from 'node:util';
import type { ConnectorFormat } from '../../../connect/connector-configs';

export const SUBCOMMANDS = [
  'validate',
  'diff',
  'apply',
  'status',
  'restart',
  'pause',
  'resume',
  'delete',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export interface ConnectorsArgs {
  sub: Subcommand;
  /** Connector names; empty means every one the subcommand covers. */
  names: string[];
  /** Environment overlay (`connectors/env/<env>.json`). */
  env?: string;
  format?: ConnectorFormat;
  /** Folder of the definitions (default CONNECTORS_DIR, i.e. connectors/). */
  dir?: string;
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  failed: boolean;
  all: boolean;
  /** Seconds `apply` waits for each connector to run. */
  timeoutS: number;
  help: boolean;
}

export type ParsedArgs = { ok: true; args: ConnectorsArgs } | { ok: false; error: string };

/** Flags each subcommand accepts beyond --json and --help. */
const ALLOWED: Record<Subcommand, string[]> = {
  validate: ['env', 'format', 'dir'],
  diff: ['env', 'format', 'dir'],
  apply: ['env', 'format', 'dir', 'dry-run', 'timeout'],
  status: [],
  restart: ['failed', 'dry-run'],
  pause: ['all', 'dry-run'],
  resume: ['all', 'dry-run'],
  delete: ['yes', 'dry-run'],
};

const OPTIONS = {
  env: { type: 'string' },
  format: { type: 'string' },
  dir: { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  failed: { type: 'boolean' },
  all: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseConnectorsArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const { values, positionals } = parsed;
  const [first, ...names] = positionals;
  if (!first) {
    if (values.help) return { ok: true, args: { ...defaults('status'), help: true } };
    return { ok: false, error: `a subcommand is missing: one of ${SUBCOMMANDS.join(', ')}` };
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(first))
    return { ok: false, error: `unknown subcommand "${first}": one of ${SUBCOMMANDS.join(', ')}` };
  const sub = first as Subcommand;
  const given = Object.keys(values).filter((k) => k !== 'json' && k !== 'help');
  const wrong = given.filter((k) => !ALLOWED[sub].includes(k));
  if (wrong.length)
    return { ok: false, error: `${sub} does not take ${wrong.map((w) => `--${w}`).join(', ')}` };
  const format = values.format;
  if (format !== undefined && format !== 'json' && format !== 'avro')
    return { ok: false, error: `--format must be json or avro, not "${format}"` };
  let timeoutS = 120;
  if (values.timeout !== undefined) {
    timeoutS = Number(values.timeout);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0)
      return { ok: false, error: `--timeout must be a positive number of seconds, not "${values.timeout}"` };
  }
  const args: ConnectorsArgs = {
    ...defaults(sub),
    names,
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    failed: values.failed ?? false,
    all: values.all ?? false,
    timeoutS,
    help: values.help ?? false,
    ...(values.env !== undefined && { env: values.env }),
    ...(format !== undefined && { format }),
    ...(values.dir !== undefined && { dir: values.dir }),
  };
  if (args.help) return { ok: true, args };
  if (sub === 'restart' && !args.failed)
    return { ok: false, error: 'restart restarts only what FAILED: add --failed' };
  if ((sub === 'pause' || sub === 'resume') && !names.length && !args.all)
    return { ok: false, error: `${sub} needs connector names, or --all` };
  if ((sub === 'pause' || sub === 'resume') && names.length && args.all)
    return { ok: false, error: `${sub}: give names or --all, not both` };
  if (sub === 'delete' && !names.length) return { ok: false, error: 'delete needs connector names' };
  return { ok: true, args };
}

function defaults(sub: Subcommand): ConnectorsArgs {
  return {
    sub,
    names: [],
    json: false,
    dryRun: false,
    yes: false,
    failed: false,
    all: false,
    timeoutS: 120,
    help: false,
  };
}
