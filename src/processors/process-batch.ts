/**
 * One consumed batch, start to finish except the publications and the commit: decode, map, fold into
 * the store, rebuild the customers it touched. The batch may hold several partitions and topics
 * (batch-window.ts); the store sees it as one set of changes, so each row is written and each
 * customer rebuilt once per batch. Poison messages become dead letters and never throw; only
 * retriable failures throw, so the batch is re-read. Every write is idempotent (position-guarded).
 */
import type { FactChange } from '../domain/fact-change';
import type { FactReader, RecomputeResult, Store } from '../store/create-store';
import type { RawMessage } from './decode/change-event';
import type { Decoder } from './decode/decode-message';
import type { DeadLetter } from './dead-letters';
import type { createRouter } from './route-change';

/** Events by topic, op and outcome: `op` is `none` for tombstones and undecodable messages. */
export type EventCounts = Map<string, { topic: string; op: string; outcome: EventOutcome; count: number }>;
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
  /** Per topic, the newest source commit time among its changes (epoch ms), for end-to-end lag. */
  newestSourceTsMs: Map<string, number>;
}

export async function processBatch(
  messages: RawMessage[],
  deps: { decoder: Decoder; router: ReturnType<typeof createRouter>; store: Store; reader: FactReader },
): Promise<BatchOutcome> {
  const changes: FactChange[] = [];
  const origin = new Map<FactChange, { topic: string; op: string }>();
  const deadLetters: DeadLetter[] = [];
  const counts: EventCounts = new Map();
  const newestSourceTsMs = new Map<string, number>();
  const count = (topic: string, op: string, outcome: EventOutcome) => {
    const k = `${topic}|${op}|${outcome}`;
    const c = counts.get(k) ?? { topic, op, outcome, count: 0 };
    c.count += 1;
    counts.set(k, c);
  };
  let tombstones = 0;
  for (const message of messages) {
    const decoded = await deps.decoder.decode(message);
    if (!decoded.ok) {
      deadLetters.push({ message, reason: decoded.reason, detail: decoded.detail });
      count(message.topic, 'none', 'dead_letter');
      continue;
    }
    if (decoded.event.kind === 'tombstone') {
      tombstones += 1; // the delete before it carried the change
      count(message.topic, 'none', 'tombstone');
      continue;
    }
    const mapped = deps.router.map(message.topic, decoded.event);
    if (!mapped.ok) {
      deadLetters.push({ message, reason: mapped.reason, detail: mapped.detail });
      count(message.topic, decoded.event.op, 'dead_letter');
      continue;
    }
    changes.push(mapped.change);
    origin.set(mapped.change, { topic: message.topic, op: decoded.event.op });
    newestSourceTsMs.set(
      message.topic,
      Math.max(newestSourceTsMs.get(message.topic) ?? 0, mapped.change.sourceTsMs),
    );
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
  const result = await deps.store.applyBatch(changes, deps.reader);
  const rebuilt = result.rebuilt;
  for (const [outcome, list] of [
    ['applied', result.applied],
    ['stale', result.stale],
  ] as const) {
    for (const c of list) {
      const o = origin.get(c);
      if (o) count(o.topic, o.op, outcome);
    }
  }
  return {
    counts,
    conflicts: rebuilt.conflicts,
    events: rebuilt.events,
    applied: result.applied.length,
    stale: result.stale.length,
    tombstones,
    deadLetters,
    customers: rebuilt.written + rebuilt.removed,
    newestSourceTsMs,
  };
}
