import type { CliIo } from './command';
import { EXIT, type ExitCode } from './command';
import { classify } from '../shared/errors';

/**
 * Prints what went wrong, the error code (for scripts and searches) and the hint, and gives the exit
 * code of a failure. Stack traces are for bugs: only `internal` errors print one.
 */
export function reportError(io: CliIo, e: unknown): ExitCode {
  const err = classify(e);
  io.stderr(`error [${err.code}]: ${err.message}\n`);
  if (err.hint) io.stderr(`  hint: ${err.hint}\n`);
  if (err.code === 'internal' && err.cause instanceof Error && err.cause.stack)
    io.stderr(`${err.cause.stack}\n`);
  return EXIT.error;
}
