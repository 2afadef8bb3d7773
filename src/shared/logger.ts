/** One line per event: `pretty` for people at a terminal, `json` for log pipelines. */
export type Log = (event: string, fields?: Record<string, unknown>) => void;

export function createLog(
  format: 'pretty' | 'json',
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Log {
  return (event, fields = {}) => {
    const time = new Date().toISOString();
    if (format === 'json') {
      write(
        JSON.stringify({ time, event, ...fields }, (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : v,
        ),
      );
      return;
    }
    const rest = Object.entries(fields)
      .map(
        ([k, v]) =>
          `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))}`,
      )
      .join(' ');
    write(`${time} ${event}${rest ? ` ${rest}` : ''}`);
  };
}
