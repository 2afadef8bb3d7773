/**
 * `npm run chaos [-- --quick]`: fault injection under a steady change load. Brings the stack of the
 * current configuration up (STACK_DIR and the STACK_* ports, as every stack command), sets up a
 * private world (legacy copies with their own connectors, two processors, their own view), runs the
 * scenarios one after another on it, prints the table and writes chaos/results/latest.json (the quick
 * form: chaos/results/quick.json). Exit 1 if any scenario failed. Never part of `npm test`.
 */
import { createCleanups } from '../harness/cleanups';
import { deleteRunTopics } from '../harness/run-topics';
import fs from 'node:fs';
import path from 'node:path';
import { loadEndpoints, loadStackConfig } from '../src/config';
import { REPO_ROOT } from '../src/config/stack-config';
import { runMain } from '../src/shared/run-main';
import { createStackContext } from '../tools/stack/context';
import { stackUp } from '../tools/stack/stack';
import { parseChaosArgs, UsageError, USAGE } from './args';
import { converge } from './checks';
import { reportTable, type ChaosReport } from './report';
import { runScenario, type ScenarioResult } from './runner';
import { SCENARIOS } from './scenarios';
import { createWorld } from './world';

const RESULTS = path.join(REPO_ROOT, 'chaos', 'results');
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args;
  try {
    args = parseChaosArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const scenarios = SCENARIOS.filter((s) =>
    args.only.length > 0 ? args.only.includes(s.id) : !args.quick || s.quick,
  );
  if (scenarios.length === 0) {
    process.stderr.write(
      `no scenario matches --only ${args.only.join(',')}; ids: ${SCENARIOS.map((s) => s.id).join(', ')}\n`,
    );
    return 2;
  }
  const started = Date.now();
  const stack = createStackContext(loadStackConfig());
  log(`stack ${stack.paths.root}`);
  await stackUp(stack);
  const endpoints = loadEndpoints();
  log(
    `kafka ${endpoints.KAFKA_BROKERS.join(',')}, connect ${endpoints.CONNECT_URL}, store ${endpoints.MONGO_URL}`,
  );

  const run = `chaos${Date.now().toString(36)}`;
  const cleanups = createCleanups(log);
  const onSignal = () => void cleanups.run().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  cleanups.add('run topics', () => deleteRunTopics(endpoints.KAFKA_BROKERS, run));
  const logDir = path.join(stack.paths.logs, 'chaos');
  const results: ScenarioResult[] = [];
  let setupSeconds = 0;
  try {
    const world = await createWorld(
      endpoints,
      stack,
      { customers: args.customers, seed: args.seed, logDir },
      run,
      log,
      cleanups.add,
    );
    const loaded = await world.load(args.customers);
    const initial = await converge(world, Date.now(), 600_000, log);
    setupSeconds = (Date.now() - started) / 1000;
    log(
      `initial load: ${loaded.changes} rows, view = oracle ${initial.converged ? 'yes' : 'NO'} (${initial.diff.expected} customers) after ${setupSeconds.toFixed(0)}s of setup; processor logs in ${logDir}`,
    );
    if (!initial.converged)
      throw new Error(`the initial load did not converge: ${initial.diff.examples.join('; ')}`);
    await world.secondInstance();
    let duplicated = 0;
    for (const s of scenarios) {
      log(`\n== ${s.id}: ${s.title}`);
      const t0 = Date.now();
      const r = await runScenario(
        world,
        s,
        {
          quick: args.quick,
          rate: args.rate,
          loadSeconds: args.loadSeconds,
          faultAfterSeconds: 5,
          convergeTimeoutSeconds: args.quick ? 60 : 90,
        },
        { duplicated },
        log,
      );
      duplicated += r.statusDuplicated;
      results.push(r);
      log(
        `   ${r.passed ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)}s: ${r.fault}; converged ${r.convergeSeconds ?? 'never'}s after; ` +
          `${r.statusEvents} status events so far${r.problems.length ? `; ${r.problems.join('; ')}` : ''}`,
      );
    }
  } finally {
    await cleanups.run();
  }
  const report: ChaosReport = {
    mode: args.quick ? 'quick' : 'full',
    command: `npm run chaos${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    settings: { customers: args.customers, rate: args.rate, loadSeconds: args.loadSeconds, seed: args.seed },
    setupSeconds,
    passed: results.length === scenarios.length && results.every((r) => r.passed),
    scenarios: results,
  };
  log(`\n${reportTable(report)}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(
    RESULTS,
    args.only.length > 0 ? 'partial.json' : args.quick ? 'quick.json' : 'latest.json',
  );
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`written to ${path.relative(REPO_ROOT, file)}`);
  return report.passed ? 0 : 1;
}

runMain(() => main(process.argv.slice(2)));
