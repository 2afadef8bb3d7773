/**
 * Per-principal token buckets in memory: `perMinute` requests a minute, refilled continuously, with
 * bursts up to the same number. In memory is per instance: behind a load balancer each instance
 * allows its own share.
 */
export interface RateLimiter {
  /** Takes one token; when none is left, says after how many seconds one will be. */
  take(key: string): { ok: true } | { ok: false; retryAfterS: number };
}

const MAX_BUCKETS = 50_000;

export function createRateLimiter({
  perMinute,
  now = () => Date.now(),
}: {
  perMinute: number;
  now?: () => number;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: perMinute, at: t };
      b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
      b.at = t;
      if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) {
        // Full buckets carry no state: forgetting them changes nothing.
        for (const [k, v] of buckets) if (v.tokens + (t - v.at) * perMs >= perMinute) buckets.delete(k);
      }
      buckets.set(key, b);
      if (b.tokens < 1) return { ok: false, retryAfterS: Math.ceil((1 - b.tokens) / perMs / 1000) };
      b.tokens -= 1;
      return { ok: true };
    },
  };
}
