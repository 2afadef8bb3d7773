/**
 * A rebuild's rate limit: after each batch, waits until the events done so far fit the rate, so a
 * replay of the whole topics does not starve the live processors of the store.
 */
export function createRateGate(
  eventsPerSecond: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
) {
  const started = clock.now();
  let events = 0;
  return async (n: number): Promise<void> => {
    events += n;
    const due = started + (events / eventsPerSecond) * 1000;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
}
