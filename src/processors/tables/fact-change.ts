/** What a table mapper returns: a fact change (src/domain/fact-change.ts), or why the event was rejected. */
import type { FactChange } from '../../domain/fact-change';

export type MapResult =
  | { ok: true; change: FactChange }
  | { ok: false; reason: 'missing-field' | 'bad-value' | 'unsupported-op'; detail: string };
