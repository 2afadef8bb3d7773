/**
 * The frame of a command with subcommands (`connectors`, `dlq`): parse, answer a parse error or
 * `--help`, run, and report a failure the same way for every command.
 */
import { EXIT, type CliCommand, type ExitCode } from './command';
import { reportError } from './report-error';
import type { CliIo } from './command';

export type ParseResult<A> = { ok: true; args: A } | { ok: false; error: string };

export function subcommandRunner<A extends { help: boolean }>(
  name: string,
  help: string,
  parse: (argv: string[]) => ParseResult<A>,
  run: (args: A, io: CliIo) => Promise<ExitCode>,
): CliCommand['run'] {
  return async (argv, io) => {
    const parsed = parse(argv);
    if (!parsed.ok) {
      io.stderr(`${name}: ${parsed.error}\nSee \`customer-view ${name} --help\`.\n`);
      return EXIT.error;
    }
    if (parsed.args.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    try {
      return await run(parsed.args, io);
    } catch (e) {
      return reportError(io, e);
    }
  };
}
