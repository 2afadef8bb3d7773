/** A stack failure with what the user should do about it; the CLI prints it without a stack trace. */
export class StackError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StackError';
  }
}
