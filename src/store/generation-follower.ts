/**
 * Follows the view's generation pointer (view-generations.ts) for long-running readers and writers:
 * the API reads, and the processors write, wherever it points within one poll interval of a switch.
 * `current()` is synchronous (the last pointer read), so a request or a batch never waits on it; a
 * failed poll keeps the last known generation (the store being down fails the real calls anyway).
 */
import type { Db } from 'mongodb';
import { AppError } from '../shared/errors';
import { readGeneration, type Generation } from './view-generations';

/** How often the pointer is read: the longest a process keeps using a generation after a switch. */
export const GENERATION_POLL_MS = 1000;

export interface ViewTarget {
  db: Db;
  generation: Generation;
}

export interface GenerationFollowerDeps {
  /** The configured MONGO_DB: holds the pointer (and generation 0). */
  base: Db;
  intervalMs?: number;
  onSwitch?: (from: Generation, to: Generation) => void;
  onError?: (e: unknown) => void;
}

export function createGenerationFollower({
  base,
  intervalMs = GENERATION_POLL_MS,
  onSwitch,
  onError,
}: GenerationFollowerDeps) {
  let target: ViewTarget | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;

  async function poll(): Promise<void> {
    const next = await readGeneration(base);
    const prev = target?.generation;
    if (prev && prev.seq === next.seq && prev.db === next.db) return;
    target = { db: base.client.db(next.db), generation: next };
    if (prev) onSwitch?.(prev, next);
  }

  return {
    /** Reads the pointer once (errors surface here), then keeps following it. */
    async start(): Promise<void> {
      await poll();
      if (timer) return;
      timer = setInterval(() => {
        if (polling) return;
        polling = poll()
          .catch((e: unknown) => onError?.(e))
          .finally(() => {
            polling = null;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
    },
    /** Reads the pointer now (a switch just happened, or a caller must be sure). */
    refresh: () => poll(),
    current(): ViewTarget {
      // Only before start() read the pointer: the service is still starting (and not ready).
      if (!target)
        throw new AppError('store-unavailable', 'the view is not located yet: the service is starting', {
          retriable: true,
        });
      return target;
    },
  };
}
export type GenerationFollower = ReturnType<typeof createGenerationFollower>;
