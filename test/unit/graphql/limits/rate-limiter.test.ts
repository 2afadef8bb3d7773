import { createRateLimiter } from '../../../../src/graphql/limits/rate-limiter';

describe('createRateLimiter', () => {
  it('allows a burst of perMinute, then refills continuously, per key', () => {
    let t = 0;
    const limiter = createRateLimiter({ perMinute: 3, now: () => t });
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 20 });
    expect(limiter.take('b').ok).toBe(true);
    t += 20_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });
});
