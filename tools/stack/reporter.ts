/** Human progress output of the stack commands: one line per step, with durations. */
export interface Reporter {
  step(service: string, message: string): void;
  warn(service: string, message: string): void;
  timed<T>(service: string, message: string, work: () => Promise<T>): Promise<T>;
}

export function createReporter(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Reporter {
  const fmt = (service: string, message: string) => `${service.padEnd(9)} ${message}`;
  return {
    step: (service, message) => write(fmt(service, message)),
    warn: (service, message) => write(fmt(service, `WARNING: ${message}`)),
    async timed(service, message, work) {
      const started = Date.now();
      write(fmt(service, `${message} ...`));
      const result = await work();
      write(fmt(service, `${message} done (${((Date.now() - started) / 1000).toFixed(1)}s)`));
      return result;
    },
  };
}
