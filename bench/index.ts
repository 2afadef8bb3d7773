/**
 * `npm run bench`: the processors beside the alternatives on the same topics and the same store
 * (bare kafkajs read, the MongoDB Kafka sink connector, bare-driver bulk upserts), then end to end
 * through Debezium on a generated workload (catch-up, freshness through GraphQL, peak RSS). Brings
 * the stack up first, as `npm start` does; writes bench/results/latest.json and docs/benchmarks.md.
 * `-- graphql` runs the API-vs-driver bench alone (docs/bench-graphql.md). Never part of `npm test`.
 */
import { createCleanups } from '../harness/cleanups';
import { deleteRunTopics } from '../harness/run-topics';
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { loadEndpoints, loadStackConfig } from '../src/config';
import { ENDPOINT_KEYS } from '../src/config/endpoints';
import { REPO_ROOT } from '../src/config/stack-config';
import { runMain } from '../src/shared/run-main';
import { createStackContext } from '../tools/stack/context';
import { stackUp } from '../tools/stack/stack';
import { argsOfCommand, parseBenchArgs, UsageError, USAGE, type BenchArgs } from './args';
import { benchmarksMarkdown, type SweepFile } from './benchmarks-doc';
import { runEndToEnd, type E2eResult } from './e2e/run-e2e';
import { runGraphqlBench } from './graphql';
import { buildResults, endToEndTable, targetsTable, throughputTable, type LatestJson } from './report';
import type { SinkTuning } from './sink/config';
import { runThroughput, type ThroughputResult } from './throughput/run-throughput';
import { benchVersions, machine } from './versions';

/** What --sink-sweep compares with the chosen configuration (all within FerretDB's safe batch sizes). */
const SWEEP: SinkTuning[] = [
  { variant: 'scalar-id', batchSize: 30, ordered: true, tasks: 1 },
  { variant: 'scalar-id', batchSize: 50, ordered: true, tasks: 1 },
  { variant: 'scalar-id', batchSize: 10, ordered: false, tasks: 1 },
  { variant: 'scalar-id', batchSize: 10, ordered: true, tasks: 3 },
  { variant: 'scalar-id', batchSize: 1, ordered: true, tasks: 1 },
  { variant: 'debezium-unwrap-partial-key', batchSize: 10, ordered: true, tasks: 1 },
  { variant: 'rdbms-handler', batchSize: 10, ordered: true, tasks: 1 },
];

const SWEEP_FILE = path.join(REPO_ROOT, 'bench', 'results', 'sink-sweep.json');
const LATEST_FILE = path.join(REPO_ROOT, 'bench', 'results', 'latest.json');

/** The last sink sweep, if one was recorded. */
function readSweep(): SweepFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(SWEEP_FILE, 'utf8')) as SweepFile;
  } catch {
    return undefined;
  }
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.parts.includes('report'))
    return writeReport(JSON.parse(fs.readFileSync(LATEST_FILE, 'utf8')) as LatestJson);
  const stackConfig = loadStackConfig();
  const ctx = createStackContext(stackConfig);
  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  if (!required.every((k) => stackConfig.external.has(k))) await stackUp(ctx);
  const endpoints = loadEndpoints();

  if (args.parts.includes('graphql')) {
    log('\n== GraphQL API: latency and throughput beside the bare driver ==');
    const g = await runGraphqlBench(endpoints);
    log(`${g.report}\nwritten: docs/bench-graphql.md`);
  }
  if (!args.parts.includes('throughput') && !args.parts.includes('e2e')) return 0;

  const run = `bench_${Date.now().toString(36)}`;
  const benchDir = path.join(ctx.paths.root, 'bench');
  const cleanups = createCleanups(log);
  // Runs last: a connector's producer or signal consumer still running when its topics are deleted
  // re-creates them (topic auto-creation), so every topic of this run is deleted once more at the end.
  cleanups.add('topics of this run', () => deleteRunTopics(endpoints.KAFKA_BROKERS, run));
  const onSignal = () => {
    log('\ninterrupted: cleaning up');
    void cleanups.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  let throughput: ThroughputResult | undefined;
  let e2e: E2eResult | undefined;
  try {
    if (args.parts.includes('throughput')) {
      log(`\n== throughput on the same topics and store (${args.syntheticCustomers} synthetic customers) ==`);
      throughput = await runThroughput(
        endpoints,
        {
          java: ctx.tools().java,
          mvn: ctx.tools().mvn,
          kafkaLib: path.join(ctx.paths.lib, 'kafka'),
          benchDir,
          log4j: path.join(ctx.paths.conf, 'log4j2.properties'),
        },
        {
          synthetic: { customers: args.syntheticCustomers, versions: 3, ordersPerCustomer: 3 },
          sink: { batchSize: args.sinkBatch, ordered: args.sinkOrdered, tasks: args.sinkTasks },
          sinkFlushMs: 500,
          sweep: args.sinkSweep ? SWEEP : undefined,
          timeoutMs: 30 * 60_000,
        },
        run,
        log,
        cleanups.add,
      );
    }
    if (args.parts.includes('e2e')) {
      log(`\n== end to end through Debezium (${args.customers} customers, then ${args.churn} changes) ==`);
      e2e = await runEndToEnd(
        endpoints,
        {
          customers: args.customers,
          churn: args.churn,
          rate: args.rate,
          steadySeconds: args.steadySeconds,
          sampleEvery: args.sampleEvery,
          seed: args.seed,
          catchUpTimeoutMs: args.mode === 'quick' ? 5 * 60_000 : 90 * 60_000,
          drainMs: args.mode === 'quick' ? 120_000 : 20 * 60_000,
          logDir: path.join(benchDir, 'logs'),
          rebuild: true,
        },
        run,
        log,
        cleanups.add,
      );
    }
  } finally {
    log('\ncleaning up topics, databases, connectors and processes');
    await cleanups.run();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  if (throughput && throughput.sweep.length > 0) {
    const sweep: SweepFile = {
      date: new Date().toISOString(),
      events: throughput.events,
      chosen: { ...throughput.sink.tuning, eps: throughput.sink.eps },
      runs: throughput.sweep,
    };
    fs.mkdirSync(path.dirname(SWEEP_FILE), { recursive: true });
    fs.writeFileSync(SWEEP_FILE, `${JSON.stringify(sweep, null, 2)}\n`);
    log(`written: bench/results/sink-sweep.json (read by docs/benchmarks.md)`);
  }
  if (!throughput || !e2e) {
    log('(one part only: bench/results/latest.json and docs/benchmarks.md are written by a run of both)');
    return 0;
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const results = buildResults(throughput, e2e, {
    machine: machine(),
    versions: benchVersions(),
    mode: args.mode,
    date: new Date().toISOString(),
    command,
  });
  log(`\n${throughputTable(results)}\n\n${endToEndTable(results)}\n\n${targetsTable(results)}`);
  fs.mkdirSync(path.dirname(LATEST_FILE), { recursive: true });
  fs.writeFileSync(LATEST_FILE, `${JSON.stringify(results, null, 2)}\n`);
  return writeReport(results);
}

/** docs/benchmarks.md from a run's results (and the last sink sweep). */
async function writeReport(results: LatestJson): Promise<number> {
  const md = path.join(REPO_ROOT, 'docs', 'benchmarks.md');
  const text = benchmarksMarkdown(results, { args: argsOfCommand(results.command), sweep: readSweep() });
  fs.writeFileSync(
    md,
    await prettier.format(text, { ...(await prettier.resolveConfig(md)), parser: 'markdown' }),
  );
  log('\nwritten: bench/results/latest.json, docs/benchmarks.md');
  return 0;
}

runMain(main);
