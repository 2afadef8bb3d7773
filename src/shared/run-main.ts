import { AppError } from './errors';

/** Failures a person can act on from the message alone: printed without a stack trace. */
const EXPECTED = new Set<AppError['code']>(['config-invalid', 'stack-failed', 'port-in-use']);

/**
 * Runs a command's main and exits with its code. Expected failures (bad configuration, a stack
 * problem with a hint) print as one message; anything else prints its stack trace.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof AppError && EXPECTED.has(e.code)) {
        process.stderr.write(`\nerror: ${e.message}\n`);
        if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
      } else {
        process.stderr.write(`\nunexpected error: ${(e as Error).stack ?? String(e)}\n`);
      }
      process.exit(1);
    },
  );
}
