import { ConfigError } from '../config';
import { StackError } from '../stack/errors';

/**
 * Runs a command's main and exits with its code. Expected failures (bad configuration, a stack
 * problem with a hint) print as one message; anything else prints its stack trace.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof ConfigError || e instanceof StackError) {
        process.stderr.write(`\nerror: ${e.message}\n`);
        if (e instanceof StackError && e.hint) process.stderr.write(`hint: ${e.hint}\n`);
      } else {
        process.stderr.write(`\nunexpected error: ${(e as Error).stack ?? String(e)}\n`);
      }
      process.exit(1);
    },
  );
}
