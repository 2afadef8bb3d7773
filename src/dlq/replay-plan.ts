/**
 * Which dead letters a replay sends back, and as what. Pure, so the rules are unit tested:
 * - each original message (source topic, partition, offset) goes back once per run, however many
 *   letters it has (a rewound or redelivered batch dead-letters it again);
 * - letters without their coordinates are skipped and reported, never guessed; so are letters whose
 *   value was too big to keep (replaying their null value would be a tombstone, not the message);
 * - the message goes to its original topic and partition with its key, value and own headers, plus
 *   two headers marking the replay. A second replay is harmless: the view's writes are guarded by
 *   the source position inside the value, which a replay does not change.
 */
import { REPLAY_HEADERS, type DeadLetterView } from './dead-letter';

export interface ReplayMessage {
  topic: string;
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
  /** The letter it comes from (`partition:offset` in the dead-letter topic). */
  letter: string;
  /** `topic/partition@offset` of the original message. */
  original: string;
}

export interface ReplayPlan {
  messages: ReplayMessage[];
  /** Letters naming an original already in the plan. */
  duplicates: string[];
  /** Letters without coordinates, or without the value they could not carry. */
  unplaceable: string[];
}

export function planReplay(letters: DeadLetterView[], dlqTopic: string, now: Date): ReplayPlan {
  const plan: ReplayPlan = { messages: [], duplicates: [], unplaceable: [] };
  const seen = new Set<string>();
  for (const letter of letters) {
    if (!letter.source || letter.valueOmitted !== undefined) {
      plan.unplaceable.push(letter.at);
      continue;
    }
    const original = `${letter.source.topic}/${letter.source.partition}@${letter.source.offset}`;
    if (seen.has(original)) {
      plan.duplicates.push(letter.at);
      continue;
    }
    seen.add(original);
    plan.messages.push({
      topic: letter.source.topic,
      partition: letter.source.partition,
      key: letter.key,
      value: letter.value,
      headers: {
        ...letter.originalHeaders,
        [REPLAY_HEADERS.from]: `${dlqTopic}/${letter.at}`,
        [REPLAY_HEADERS.at]: now.toISOString(),
      },
      letter: letter.at,
      original,
    });
  }
  return plan;
}
