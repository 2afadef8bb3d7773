import { argsOfCommand, parseBenchArgs, UsageError } from '../../../bench/args';

describe('npm run bench arguments', () => {
  it('runs throughput and end to end at ≥ 20,000 customers by default', () => {
    const a = parseBenchArgs([]);
    expect(a.parts).toEqual(['throughput', 'e2e']);
    expect(a.mode).toBe('full');
    expect(a.customers).toBeGreaterThanOrEqual(20_000);
    expect(a.rate).toBe(200);
    expect(a.sinkBatch).toBeLessThanOrEqual(100);
  });
  it('--quick scales everything down; --scale sets the customers', () => {
    const q = parseBenchArgs(['--quick']);
    expect(q.mode).toBe('quick');
    expect(q.customers).toBeLessThan(2000);
    expect(q.steadySeconds).toBeLessThan(60);
    expect(parseBenchArgs(['--quick', '--scale', '800']).customers).toBe(800);
    expect(parseBenchArgs(['--scale', '40000']).churn).toBe(10_000);
  });
  it('keeps the old selectors', () => {
    expect(parseBenchArgs(['processors']).parts).toEqual(['throughput']);
    expect(parseBenchArgs(['graphql']).parts).toEqual(['graphql']);
  });
  it('refuses unknown arguments, bad numbers and batch sizes that would wedge FerretDB', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--scale', 'x'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--scale'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--sink-batch', '100'])).toThrow(/150/);
  });
  it('recovers the arguments of a recorded command, for `report`', () => {
    expect(argsOfCommand('npm run bench')).toEqual(parseBenchArgs([]));
    expect(argsOfCommand('npm run bench -- --quick --scale 800').customers).toBe(800);
    expect(parseBenchArgs(['report']).parts).toEqual(['report']);
  });
});
