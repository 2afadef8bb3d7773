/**
 * Cleanups of a dev run (bench, chaos): run in reverse order at the end, on failure and on
 * SIGINT/SIGTERM, each with a deadline, so one stuck cleanup does not keep the others from running.
 */
export function createCleanups(log: (line: string) => void, deadlineMs = 60_000) {
  const list: { what: string; fn: () => Promise<unknown> }[] = [];
  let ran = false;
  return {
    add: (what: string, fn: () => Promise<unknown>) => void list.push({ what, fn }),
    async run(): Promise<void> {
      if (ran) return;
      ran = true;
      for (const { what, fn } of list.reverse()) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          fn(),
          new Promise(
            (_, reject) =>
              (timer = setTimeout(
                () => reject(new Error(`timed out after ${deadlineMs / 1000}s`)),
                deadlineMs,
              )),
          ),
        ])
          .catch((e: unknown) => log(`cleanup of ${what} failed: ${(e as Error).message}`))
          .finally(() => clearTimeout(timer));
      }
    },
  };
}
