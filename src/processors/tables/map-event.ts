import type { ChangeEvent, Row } from '../decode/change-event';
import type { FactChange } from '../../domain/fact-change';
import type { MapResult } from './fact-change';
import { ColumnError } from './values';

export interface BuiltFact<F> {
  fact: F;
  /** Fact fields fed by unavailable columns. */
  unavailable: string[];
  unknownCode?: { column: string; value: string };
}

type Spec<C extends FactChange> = { system: C['system']; table: C['table']; keyColumn: string };

/**
 * The shared frame of the per-table mappers: the row to read (`after`, or only the key for a delete,
 * since PostgreSQL fills a deleted row's other columns with placeholders), the change's coordinates,
 * and column errors turned into rejects. Truncates are not row changes and are left to an operator.
 */
export function mapEvent<C extends FactChange>(
  event: ChangeEvent,
  spec: Spec<C>,
  build: (row: Row) => BuiltFact<NonNullable<C['fact']>>,
): MapResult {
  if (event.op === 't')
    return { ok: false, reason: 'unsupported-op', detail: 'truncate: re-snapshot the table instead' };
  const keyValue = event.key[spec.keyColumn];
  if (keyValue === undefined || keyValue === null) {
    return { ok: false, reason: 'missing-field', detail: `key has no ${spec.keyColumn}` };
  }
  const base = {
    system: spec.system,
    table: spec.table,
    rowKey: String(keyValue),
    position: event.position,
    sourceTsMs: event.source.tsMs,
    ...((event.op === 'c' || event.op === 'r') && { created: true }),
  };
  if (event.op === 'd' || !event.after)
    return { ok: true, change: { ...base, fact: null, unavailable: [] } as FactChange };
  try {
    const built = build(event.after);
    return {
      ok: true,
      change: {
        ...base,
        fact: built.fact,
        unavailable: built.unavailable,
        ...(built.unknownCode && { unknownCode: built.unknownCode }),
      } as FactChange,
    };
  } catch (e) {
    if (e instanceof ColumnError) {
      return { ok: false, reason: e.reason, detail: e.message };
    }
    throw e;
  }
}
