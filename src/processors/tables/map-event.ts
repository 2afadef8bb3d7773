import type { ChangeEvent, Row } from '../decode/change-event';
import type { MapResult } from './fact-change';
import { ColumnError } from './values';

/**
 * The shared frame of the per-table mappers: the row to read (`after`, or only the key for a delete,
 * since PostgreSQL fills a deleted row's other columns with placeholders), and column errors turned
 * into rejects. Truncates are not row changes and are left to an operator.
 */
export function mapEvent(
  event: ChangeEvent,
  keyColumn: string,
  build: (row: Row | null, rowKey: string) => MapResult,
): MapResult {
  if (event.op === 't')
    return { ok: false, reason: 'unsupported-op', detail: 'truncate: re-snapshot the table instead' };
  const keyValue = event.key[keyColumn];
  if (keyValue === undefined || keyValue === null)
    return { ok: false, reason: 'missing-field', detail: `key has no ${keyColumn}` };
  try {
    return build(event.op === 'd' ? null : event.after, String(keyValue));
  } catch (e) {
    if (e instanceof ColumnError)
      return {
        ok: false,
        reason: e.message.includes('missing') ? 'missing-field' : 'bad-value',
        detail: e.message,
      };
    throw e;
  }
}
