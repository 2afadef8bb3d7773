import { parseChaosArgs, UsageError } from '../../../chaos/args';

describe('parseChaosArgs', () => {
  it('has a small quick form for CI and a fuller default', () => {
    expect(parseChaosArgs(['--quick'])).toMatchObject({ quick: true, customers: 500, only: [] });
    expect(parseChaosArgs([])).toMatchObject({ quick: false, customers: 2000 });
  });

  it('takes scenario ids and scales', () => {
    expect(
      parseChaosArgs(['--only', 'sigkill,poison', '--customers', '300', '--rate', '20', '--seconds', '10']),
    ).toMatchObject({ only: ['sigkill', 'poison'], customers: 300, rate: 20, loadSeconds: 10 });
  });

  it('refuses what it does not know', () => {
    expect(() => parseChaosArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseChaosArgs(['--rate', '0'])).toThrow('--rate needs an integer >= 1');
  });
});
