/** `dlq list`: counts by reason, then a table of the letters (newest last), filtered by --since/--reason. */
import { countByReason, matches, printable, shortKey } from '../../../dlq/dead-letter';
import { EXIT, type ExitCode } from '../../command';
import { formatTable } from '../../format-table';
import type { DlqContext } from './context';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function list(ctx: DlqContext): Promise<ExitCode> {
  const letters = (await ctx.readLetters()).filter((l) => matches(l, ctx.args));
  const byReason = countByReason(letters);
  const shown = letters.slice(-ctx.args.limit);
  ctx.out(
    {
      topic: ctx.topic,
      total: letters.length,
      byReason,
      letters: shown.map((l) => ({
        at: l.at,
        failedAt: l.failedAt,
        reason: l.reason,
        source: l.source ?? null,
        key: printable(l.key),
        error: l.error,
      })),
    },
    () => {
      if (!letters.length)
        return [`${ctx.topic}: no dead letters${ctx.args.since || ctx.args.reason ? ' match' : ''}`];
      return [
        `${ctx.topic}: ${letters.length} dead letter${letters.length === 1 ? '' : 's'} (${byReason
          .map((r) => `${r.reason} ${r.count}`)
          .join(', ')})`,
        '',
        formatTable(
          ['LETTER', 'FAILED AT', 'REASON', 'SOURCE', 'KEY', 'ERROR'],
          shown.map((l) => [
            l.at,
            l.failedAt,
            l.reason,
            l.source ? `${l.source.topic}/${l.source.partition}@${l.source.offset}` : '?',
            cut(shortKey(l.key), 40),
            cut(l.error.split('\n')[0] ?? '', 80),
          ]),
        ),
        ...(shown.length < letters.length ? [`(the last ${shown.length}; --limit to see more)`] : []),
      ];
    },
  );
  return EXIT.ok;
}
