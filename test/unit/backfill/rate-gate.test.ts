import { createRateGate } from '../../../src/backfill/rate-gate';

describe('rate gate', () => {
  it('waits until the events done so far fit the rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const gate = createRateGate(100, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    await gate(50); // due at 500 ms
    now += 100;
    await gate(50); // due at 1000 ms; it is 600
    now += 2000;
    await gate(10); // well within the rate: no wait
    expect(waits).toEqual([500, 400]);
  });
});
