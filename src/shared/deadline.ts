/**
 * `promise`, or `onTimeout()` thrown if it has not settled within `ms`. For calls whose client has
 * no deadline of its own (a kafkajs send retries for as long as its retry policy allows).
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
