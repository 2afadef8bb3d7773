/**
 * One consumed batch of one partition, start to finish except the commit: decode, map, fold into
 * the store, recompute the customers it touched. Poison messages become dead letters and never
 * throw; only retriable failures (MongoDB, registry or Kafka down) throw, so the batch is re-read.
 * Every write is idempotent (position-guarded), so re-reading after a throw is safe.
 */
import type { RawMessage } from './decode/change-event';
import type { Decoder } from './decode/decode-message';
import type { DeadLetter } from './dead-letters';
import type { FactChange } from './tables/fact-change';
import type { FactReader, RecomputeResult, Store } from '../store/create-store';
import type { createRouter } from './route-change';

/** Events of a batch by op and outcome: `op` is `none` for tombstones and undecodable messages. */
export type EventCounts = Map<string, { op: string; outcome: EventOutcome; count: number }>;
export type EventOutcome = 'applied' | 'stale' | 'tombstone' | 'dead_letter';

export interface BatchOutcome {
  counts: EventCounts;
  applied: number;
  stale: number;
  tombstones: number;
  deadLetters: DeadLetter[];
  customers: number;
  /** Customer rebuilds redone after losing a race with another writer. */
  conflicts: number;
  /** Status changes to publish on customer-state.v1 (the outbox entries of the rebuilt customers). */
  events: RecomputeResult['events'];
  /** Newest source commit time among the applied changes (epoch ms), for end-to-end lag. */
  newestSourceTsMs: number | null;
}

export async function processBatch(
  messages: RawMessage[],
  deps: { decoder: Decoder; router: ReturnType<typeof createRouter>; store: Store; reader: FactReader },
): Promise<BatchOutcome> {
  const changes: FactChange[] = [];
  const opOf = new Map<FactChange, string>();
  const deadLetters: DeadLetter[] = [];
  const counts: EventCounts = new Map();
  const count = (op: string, outcome: EventOutcome) => {
    const k = `${op}|${outcome}`;
    const c = counts.get(k) ?? { op, outcome, count: 0 };
    c.count += 1;
    counts.set(k, c);
  };
  let tombstones = 0;
  for (const message of messages) {
    const decoded = await deps.decoder.decode(message);
    if (!decoded.ok) {
      deadLetters.push({ message, reason: decoded.reason, detail: decoded.detail });
      count('none', 'dead_letter');
      continue;
    }
    if (decoded.event.kind === 'tombstone') {
      tombstones += 1; // the delete before it carried the change
      count('none', 'tombstone');
      continue;
    }
    const mapped = deps.router.map(message.topic, decoded.event);
    if (!mapped.ok) {
      deadLetters.push({ message, reason: mapped.reason, detail: mapped.detail });
      count(decoded.event.op, 'dead_letter');
      continue;
    }
    changes.push(mapped.change);
    opOf.set(mapped.change, decoded.event.op);
    const unknown = mapped.change.unknownCode;
    if (unknown) {
      // Applied as UNKNOWN and also reported, so an operator can add the mapping and remap.
      deadLetters.push({
        message,
        reason: 'unknown-code',
        detail: `${unknown.column}=${unknown.value} is not in the code maps`,
      });
    }
  }
  const result = await deps.store.applyFacts(changes);
  const recomputed = await deps.store.recompute(result.affected, deps.reader);
  for (const c of result.applied) count(opOf.get(c) ?? 'none', 'applied');
  for (const c of result.stale) count(opOf.get(c) ?? 'none', 'stale');
  return {
    counts,
    conflicts: recomputed.conflicts,
    events: recomputed.events,
    applied: result.applied.length,
    stale: result.stale.length,
    tombstones,
    deadLetters,
    customers: recomputed.written + recomputed.removed,
    newestSourceTsMs: changes.length > 0 ? Math.max(...changes.map((c) => c.sourceTsMs)) : null,
  };
}
