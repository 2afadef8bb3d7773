/**
 * Status events go out behind the batches, not inside them. A batch's events are durable in the view
 * (each customer document's outbox) before its offsets are committed, so publishing and clearing them
 * need not hold up the next batch: they run here, one publication after another (so a customer's
 * versions reach the topic in order), while the next batch is processed.
 *
 * A failed publication is logged and retried with the next one; whatever is left unpublished when the
 * process dies is found in the documents at the next start. At least once, as before: consumers keep
 * the highest version per customer.
 */
import type { OutboxEntry } from '../store/create-store';

export interface PublicationQueueDeps {
  /** Publishes and clears entries; resolves to the number of events published. */
  publish(entries: OutboxEntry[]): Promise<number>;
  onPublished(events: number): void;
  log: (event: string, fields?: Record<string, unknown>) => void;
  /** Events queued before a batch waits for the queue to shrink. Default 20000. */
  maxQueued?: number;
}

export function createPublicationQueue(deps: PublicationQueueDeps) {
  const maxQueued = deps.maxQueued ?? 20_000;
  let queued: OutboxEntry[] = [];
  let running: Promise<void> | null = null;
  let failures = 0;
  let closed = false;
  const count = (entries: OutboxEntry[]) => entries.reduce((n, e) => n + e.events.length, 0);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function run(): Promise<void> {
    while (queued.length > 0 && !closed) {
      const entries = queued;
      queued = [];
      try {
        deps.onPublished(await deps.publish(entries));
        failures = 0;
      } catch (e) {
        failures += 1;
        deps.log('publish-error', { error: (e as Error).message, events: count(entries), attempt: failures });
        // Keep them first in line, and give Kafka a moment before the next try.
        queued = [...entries, ...queued];
        await pause(Math.min(200 * 2 ** failures, 5_000));
      }
    }
  }
  const kick = (): Promise<void> => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    /** Queues a batch's entries; waits only while too many events are queued already. */
    async enqueue(entries: OutboxEntry[]): Promise<void> {
      if (entries.length > 0) {
        queued.push(...entries);
        void kick();
      }
      while (count(queued) > maxQueued && running) await running;
    },
    /**
     * Publishes what is queued, then stops. Gives up after `timeoutMs`: what is left stays in the
     * documents' outbox and goes out at the next start.
     */
    async close(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (queued.length > 0 || running) {
        if (Date.now() > deadline) {
          deps.log('publish-abandoned', {
            events: count(queued),
            note: 'left in the outbox for the next start',
          });
          break;
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([kick(), new Promise((r) => (timer = setTimeout(r, 200)))]);
        clearTimeout(timer);
      }
      closed = true;
      await running;
    },
  };
}
