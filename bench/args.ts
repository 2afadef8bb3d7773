/** `npm run bench -- [throughput|processors|e2e|graphql|report] [--quick] [--scale <customers>] ...`. Pure. */

export type BenchPart = 'throughput' | 'e2e' | 'graphql' | 'report';

export interface BenchArgs {
  parts: BenchPart[];
  mode: 'quick' | 'full';
  /** Customers of the generated workload. */
  customers: number;
  /** Changes of the churn after the initial load. */
  churn: number;
  /** Customers of the synthetic throughput events (each: 1 customer, 1 account, 3 orders, 3 versions). */
  syntheticCustomers: number;
  rate: number;
  steadySeconds: number;
  sampleEvery: number;
  sinkBatch: number;
  sinkTasks: number;
  sinkOrdered: boolean;
  seed: number;
  /** Also compare other sink configurations (--sink-sweep). */
  sinkSweep: boolean;
}

export const USAGE = `usage: npm run bench -- [throughput|e2e|graphql|report] [--quick] [--scale <customers>] [--rate <changes/s>]
                      [--seconds <steady load s>] [--sink-batch <n>] [--sink-tasks <n>] [--sink-unordered] [--sink-sweep] [--seed <n>]
  (no part: throughput and e2e, written to bench/results/latest.json and docs/benchmarks.md;
   "processors" is an alias of "throughput"; "graphql" runs the API-vs-driver bench alone;
   "report" writes docs/benchmarks.md again from bench/results/*.json, measuring nothing)`;

export class UsageError extends Error {}

function int(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} needs an integer >= ${min}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const parts = new Set<BenchPart>();
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === 'throughput' || a === 'processors') parts.add('throughput');
    else if (a === 'e2e' || a === 'graphql' || a === 'report') parts.add(a);
    else if (a === '--quick' || a === '--sink-unordered' || a === '--sink-sweep') flags[a] = true;
    else if (['--scale', '--rate', '--seconds', '--sink-batch', '--sink-tasks', '--seed'].includes(a)) {
      flags[a] = argv[++i] ?? '';
    } else throw new UsageError(`unknown argument: ${a}`);
  }
  const quick = flags['--quick'] === true;
  const opt = (f: string, min: number, dflt: number) =>
    flags[f] === undefined ? dflt : int(f, flags[f] as string, min);
  const customers = opt('--scale', 1, quick ? 500 : 20_000);
  const sinkBatch = opt('--sink-batch', 1, 10);
  const sinkTasks = opt('--sink-tasks', 1, 1);
  // FerretDB 1.24 hangs when one command holds more matching statements than its PostgreSQL pool
  // (200): keep all tasks' bulk writes together well under it until the fixed build lands.
  if (sinkBatch * sinkTasks * 3 > 150)
    throw new UsageError('--sink-batch × --sink-tasks × 3 topics must stay ≤ 150');
  return {
    parts: parts.size > 0 ? [...parts] : ['throughput', 'e2e'],
    mode: quick ? 'quick' : 'full',
    customers,
    churn: Math.max(100, Math.round(customers / 4)),
    syntheticCustomers: quick ? 150 : Math.min(1000, Math.max(150, Math.round(customers / 20))),
    rate: opt('--rate', 1, 200),
    steadySeconds: opt('--seconds', 5, quick ? 20 : 60),
    sampleEvery: 20,
    sinkBatch,
    sinkTasks,
    sinkOrdered: flags['--sink-unordered'] !== true,
    seed: opt('--seed', 0, 20261129),
    sinkSweep: flags['--sink-sweep'] === true,
  };
}

/** The arguments a recorded command (\`npm run bench -- ...\`) ran with. */
export function argsOfCommand(command: string): BenchArgs {
  const i = command.indexOf(' -- ');
  return parseBenchArgs(
    i < 0
      ? []
      : command
          .slice(i + 4)
          .split(/\s+/)
          .filter(Boolean),
  );
}
