import { consumedBetween, lag, reached } from '../../../src/backfill/offsets';

const at = (topic: string, ...offsets: string[]) => ({
  topic,
  partitions: offsets.map((offset, partition) => ({ partition, offset })),
});

describe('consumer-group offsets compared', () => {
  it('counts the lag to the ends, a group that never committed from offset 0', () => {
    expect(lag([at('a', '5', '-1')], [at('a', '10', '3')])).toBe(8);
    expect(lag([], [at('a', '10'), at('b', '2')])).toBe(12);
    expect(lag([at('a', '12')], [at('a', '10')])).toBe(0);
  });

  it('has reached a goal when every partition of the goal is passed', () => {
    expect(reached([at('a', '5', '7')], [at('a', '5', '6')])).toBe(true);
    expect(reached([at('a', '5', '5')], [at('a', '5', '6')])).toBe(false);
    // A partition the goal never committed (-1) asks for nothing.
    expect(reached([], [at('a', '-1')])).toBe(true);
    expect(reached([at('a', '1')], [at('a', '1'), at('b', '1')])).toBe(false);
  });

  it('counts what was consumed between two readings', () => {
    expect(consumedBetween([at('a', '5', '-1')], [at('a', '9', '2')])).toBe(6);
    expect(consumedBetween([], [at('a', '3')])).toBe(3);
  });
});
