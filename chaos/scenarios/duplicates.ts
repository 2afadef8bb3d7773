/**
 * (7) The same source events produced again, newest first: duplicates and reordering as a producer
 * retry, a connector's replay or a mirror could cause them. The position guards must drop them.
 */
import type { Scenario } from '../scenario';
import { produceOnto, readSource } from './source-records';

const PER_TOPIC = 400;

export const duplicates: Scenario = {
  id: 'duplicates',
  title: 'duplicate and reorder source events',
  proves:
    'old events arriving again and out of order change nothing: every write is guarded by the source position, and no status event is invented or lost',
  quick: true,
  async inject({ world, log }) {
    const parts: string[] = [];
    for (const topic of Object.values(world.topics)) {
      const records = (await readSource(world, topic)).slice(-PER_TOPIC);
      // Newest first within each partition: the worst order for a guard that trusted arrival.
      const replay = records.reverse().map((r) => ({
        key: r.key,
        value: r.value,
        headers: r.headers,
        partition: r.partition,
      }));
      await produceOnto(world, topic, replay);
      parts.push(`${replay.length} on ${topic}`);
    }
    log(`  produced again, newest first: ${parts.join(', ')}`);
    return {
      detail: `the last ${PER_TOPIC} events of each source topic again, newest first`,
      // The window may hold an earlier scenario's poison: replayed, it is dead-lettered again.
      allowedDeadLetters: ['malformed', 'bad-value', 'missing-field', 'unknown-schema', 'unknown-code'],
    };
  },
};
