import { AppError } from '../../src/shared/errors';

/** A stack failure with what the user should do about it; the CLI prints it without a stack trace. */
export class StackError extends AppError {
  constructor(message: string, hint?: string) {
    super('stack-failed', message, hint === undefined ? {} : { hint });
    this.name = 'StackError';
  }
}
