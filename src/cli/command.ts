/**
 * One command of the `customer-view` CLI. Each lives in its own file under src/cli/commands/ and is
 * listed in src/cli/commands/index.ts; src/cli/customer-view.ts dispatches `customer-view <name> ...`
 * to it. Exit codes are the same for every command, so scripts and cron can rely on them.
 */
export const EXIT = {
  ok: 0,
  /** Anything failed: bad arguments, a missing variable, an unreachable dependency. */
  error: 1,
  /** The command worked and found differences (diff, reconcile). */
  differences: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  /** The word after `customer-view`, e.g. `connectors`. */
  name: string;
  /** One line for the overview of `customer-view --help`. */
  summary: string;
  /** Full `--help` text, with examples. */
  help: string;
  /** `argv` is what follows the command's name. Long-running commands stop on SIGINT/SIGTERM. */
  run(argv: string[], io: CliIo): Promise<ExitCode>;
}
