import { percentile, rate } from '../../../bench/stats';

describe('percentile', () => {
  it('takes the nearest rank of unsorted values', () => {
    const v = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile(v, 99)).toBe(10);
    expect(percentile(v, 10)).toBe(1);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
  });
  it('is undefined for no values and does not sort its input', () => {
    expect(percentile([], 50)).toBeUndefined();
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
  it('rates are 0 for no time', () => {
    expect(rate(100, 0)).toBe(0);
    expect(rate(100, 4)).toBe(25);
  });
});
