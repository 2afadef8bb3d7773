/**
 * Stopping a long-running command: wait for SIGINT or SIGTERM (what Kubernetes and `docker stop`
 * send), then stop within a deadline. A stop that overruns it is abandoned, so the orchestrator's
 * SIGKILL never finds us mid-way: what was written and committed stays, and the rest is re-read.
 */
import type { Log } from './logger';

export function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

/** Runs `stop`; true if it finished within `ms`, false (logged) if the deadline passed first. */
export async function stopWithin(ms: number, stop: () => Promise<void>, log: Log): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    const done = await Promise.race([stop().then(() => true as const), deadline]);
    if (!done)
      log('shutdown-abandoned', {
        deadlineMs: ms,
        note: 'SHUTDOWN_TIMEOUT_MS passed: exiting; anything uncommitted is read again by the group',
      });
    return done;
  } finally {
    clearTimeout(timer);
  }
}
