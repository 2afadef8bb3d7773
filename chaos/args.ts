/** `npm run chaos -- [--quick] [--only <id,...>] [--customers N] [--rate N] [--seconds N] [--seed N]`. Pure. */
export interface ChaosArgs {
  quick: boolean;
  /** Scenario ids to run, in the standard order; empty: all of the mode. */
  only: string[];
  customers: number;
  rate: number;
  loadSeconds: number;
  seed: number;
}

export const USAGE = `usage: npm run chaos -- [--quick] [--only <id,...>] [--customers <n>] [--rate <changes/s>] [--seconds <load s>] [--seed <n>]
  --quick   the short subset meant for CI (SIGKILL x2, store down, poison, duplicates) at a small scale
  --only    scenario ids, e.g. --only sigkill,poison (ids: the first column of the report)`;

export class UsageError extends Error {}

function int(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} needs an integer >= ${min}`);
  return n;
}

export function parseChaosArgs(argv: string[]): ChaosArgs {
  const quick = argv.includes('--quick');
  const out: ChaosArgs = {
    quick,
    only: [],
    customers: quick ? 500 : 2000,
    rate: quick ? 50 : 60,
    loadSeconds: quick ? 15 : 30,
    seed: 11,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    switch (a) {
      case '--quick':
        break;
      case '--only':
        if (!v) throw new UsageError('--only needs scenario ids');
        out.only = v.split(',').filter(Boolean);
        i++;
        break;
      case '--customers':
        out.customers = int(a, v, 10);
        i++;
        break;
      case '--rate':
        out.rate = int(a, v, 1);
        i++;
        break;
      case '--seconds':
        out.loadSeconds = int(a, v, 5);
        i++;
        break;
      case '--seed':
        out.seed = int(a, v, 0);
        i++;
        break;
      default:
        throw new UsageError(`unknown argument "${a}"`);
    }
  }
  return out;
}
