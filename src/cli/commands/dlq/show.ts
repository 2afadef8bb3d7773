/** `dlq show <partition:offset>`: one letter whole: coordinates, reason, error, key, value, headers. */
import { printable } from '../../../dlq/dead-letter';
import { AppError } from '../../../shared/errors';
import { EXIT, type ExitCode } from '../../command';
import type { DlqContext } from './context';

export async function show(ctx: DlqContext): Promise<ExitCode> {
  const want = ctx.args.letter!;
  const letter = (await ctx.readLetters()).find(
    (l) => l.partition === want.partition && l.offset === want.offset,
  );
  if (!letter)
    throw new AppError('kafka-failed', `no dead letter at ${want.partition}:${want.offset} in ${ctx.topic}`, {
      hint: '`customer-view dlq list` prints the letters as <partition:offset>',
    });
  const headers = Object.fromEntries(
    Object.entries(letter.originalHeaders).map(([k, v]) => [k, printable(v)]),
  );
  const value = printable(letter.value);
  ctx.out(
    {
      topic: ctx.topic,
      at: letter.at,
      failedAt: letter.failedAt,
      reason: letter.reason,
      error: letter.error,
      source: letter.source ?? null,
      key: printable(letter.key),
      value,
      headers,
    },
    () => [
      `letter     ${ctx.topic} ${letter.at}`,
      `failed at  ${letter.failedAt}`,
      `reason     ${letter.reason}`,
      `source     ${letter.source ? `${letter.source.topic} partition ${letter.source.partition} offset ${letter.source.offset}` : '(unknown: cannot be replayed)'}`,
      `error      ${letter.error}`,
      `key        ${printable(letter.key)}`,
      ...(Object.keys(headers).length ? [`headers    ${JSON.stringify(headers)}`] : []),
      'value',
      pretty(value),
    ],
  );
  return EXIT.ok;
}

/** JSON values indented, anything else as it is. */
function pretty(value: string | null): string {
  if (value === null) return 'null (tombstone)';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
