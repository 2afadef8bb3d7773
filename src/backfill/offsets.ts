/**
 * Consumer-group positions compared: how far a rebuild's group is behind the topics' ends, and
 * whether it has reached where the live processors are. Pure: the numbers come from Kafka's admin API.
 */
import type { TopicOffsets } from '../store/view-generations';

/** Kafka's "no committed offset" is -1: the group starts from the topic's beginning, offset 0. */
function position(offset: string): bigint {
  const n = BigInt(offset);
  return n < 0n ? 0n : n;
}

function index(offsets: readonly TopicOffsets[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const t of offsets)
    for (const p of t.partitions) out.set(`${t.topic}/${p.partition}`, position(p.offset));
  return out;
}

/** Messages between a group's commits and the topics' ends, summed over partitions. */
export function lag(committed: readonly TopicOffsets[], ends: readonly TopicOffsets[]): number {
  const at = index(committed);
  let total = 0n;
  for (const [key, end] of index(ends)) {
    const behind = end - (at.get(key) ?? 0n);
    if (behind > 0n) total += behind;
  }
  return Number(total);
}

/** True when, on every partition of `goal`, `mine` has committed at least as far. */
export function reached(mine: readonly TopicOffsets[], goal: readonly TopicOffsets[]): boolean {
  const at = index(mine);
  for (const [key, offset] of index(goal)) if ((at.get(key) ?? 0n) < offset) return false;
  return true;
}

/** Messages processed between two readings of a group's commits (for rates and ETAs). */
export function consumedBetween(before: readonly TopicOffsets[], after: readonly TopicOffsets[]): number {
  const was = index(before);
  let total = 0n;
  for (const [key, offset] of index(after)) {
    const d = offset - (was.get(key) ?? 0n);
    if (d > 0n) total += d;
  }
  return Number(total);
}
