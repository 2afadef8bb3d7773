/**
 * `customer-view <command> [options]`: the production runtime (`processors`, `api`) and the
 * operators' tools, one command per file under src/cli/commands/. bin/customer-view.js calls `main`.
 */
import { classify } from '../shared/errors';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from './command';
import { commands } from './commands';

/** Failures a person can act on from the message alone: printed without a stack trace. */
const EXPECTED = new Set(['config-invalid', 'port-in-use', 'stack-failed']);

export function overview(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length), 8);
  return [
    'Usage: customer-view <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'customer-view <command> --help shows the options and examples of a command.',
    'Exit codes: 0 ok, 1 error, 2 differences found (diff, reconcile).',
  ].join('\n');
}

/** Runs `argv` (without `customer-view` itself) against `list`; never throws. */
export async function dispatch(
  argv: readonly string[],
  io: CliIo,
  list: readonly CliCommand[] = commands,
): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = name === 'help' ? list.find((c) => c.name === rest[0]) : undefined;
    if (command) io.stdout(`${command.help}\n`);
    else (name === undefined ? io.stderr : io.stdout)(`${overview(list)}\n`);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  const command = list.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command: ${name}\n\n${overview(list)}\n`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // parseArgs rejects unknown options with a TypeError carrying one of these codes.
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(e as Error).message}\n\n${command.help}\n`);
      return EXIT.error;
    }
    const err = classify(e);
    if (EXPECTED.has(err.code)) {
      io.stderr(`error: ${err.message}\n`);
      if (err.hint) io.stderr(`hint: ${err.hint}\n`);
    } else {
      io.stderr(`error [${err.code}]: ${(e as Error).stack ?? err.message}\n`);
    }
    return EXIT.error;
  }
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export function main(argv: string[] = process.argv.slice(2)): void {
  void dispatch(argv, processIo).then((code) => {
    // Kafka and MongoDB clients may leave timers behind; the command has finished its work.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });
}
