/**
 * `npm run bench`: performance figures measured side by side in one run on the local stack (brought
 * up first, as `npm start` does), written to docs/bench-*.md. Never part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEndpoints, loadStackConfig } from '../src/config';
import { ENDPOINT_KEYS } from '../src/config/endpoints';
import { REPO_ROOT } from '../src/config/stack-config';
import { runMain } from '../src/shared/run-main';
import { createStackContext } from '../src/stack/context';
import { stackUp } from '../src/stack/stack';
import { runProcessorBench } from './processors';

const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;

async function main(): Promise<number> {
  const stackConfig = loadStackConfig();
  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  if (!required.every((k) => stackConfig.external.has(k))) await stackUp(createStackContext(stackConfig));
  const endpoints = loadEndpoints();

  process.stdout.write('\n== processors: throughput ==\n');
  const p = await runProcessorBench(endpoints);
  const report = `# Benchmark: processor throughput

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${machine()}, against the
local stack (Kafka 4.3 single broker, FerretDB 1.24 on PostgreSQL as the MongoDB, all on one machine).

${p.events} synthetic Debezium JSON change events (the captured fixtures' envelope; ${p.customersInView}
customers, each with a billing account and orders, every row written in several versions) on three
topics of 3 partitions, consumed side by side in the same run:

| consumer | seconds | events/s | ratio |
|---|---:|---:|---:|
| bare kafkajs consumer (reads only: the ceiling) | ${p.rawSeconds.toFixed(2)} | ${Math.round(p.rawRate)} | 1 |
| the processors (decode, map, guarded writes, customer rebuilds, status events, commits) | ${p.pipelineSeconds.toFixed(2)} | ${Math.round(p.pipelineRate)} | ${(p.pipelineRate / p.rawRate).toFixed(3)} |

The processors run at ${(100 * (p.pipelineRate / p.rawRate)).toFixed(1)}% of the rate at which this
machine can merely read the topics; the difference is MongoDB-wire round trips (FerretDB writes through
SQLite), which scale out with partitions and instances (docs/design.md).
`;
  fs.writeFileSync(path.join(REPO_ROOT, 'docs', 'bench-processors.md'), report);
  process.stdout.write(`written: docs/bench-processors.md\n`);
  return 0;
}

runMain(main);
