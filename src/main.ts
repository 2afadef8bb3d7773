/**
 * `npm start`: the demo pipeline in the foreground. Without external endpoints it first brings the
 * local stack up (idempotent), then runs the pipeline's parts. Ctrl-C stops the pipeline; the
 * services keep running until `npm run stack:down`.
 */
import { loadEndpoints, loadStackConfig } from './config';
import { ENDPOINT_KEYS } from './config/endpoints';
import { createStackContext } from './stack/context';
import { stackUp } from './stack/stack';
import { runMain } from './shared/run-main';

/** Parts of the pipeline and whether this build has them; each later part registers itself here. */
const PIPELINE_PARTS: { name: string; status: 'missing'; note: string }[] = [
  { name: 'processors', status: 'missing', note: 'change events -> MongoDB view (issue #3, not built yet)' },
  {
    name: 'graphql',
    status: 'missing',
    note: 'GraphQL API on http://127.0.0.1:4000/graphql (issue #4, not built yet)',
  },
];

async function main(): Promise<number> {
  const config = loadStackConfig();
  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  if (required.every((k) => config.external.has(k))) {
    log('all endpoints are set in the environment: starting no local services');
  } else {
    log('bringing up the local stack (first run provisions it: several minutes)');
    await stackUp(createStackContext(config));
  }
  const endpoints = loadEndpoints();
  log(
    `Kafka ${endpoints.KAFKA_BROKERS.join(',')}, Connect ${endpoints.CONNECT_URL}, MongoDB ${endpoints.MONGO_URL}`,
  );

  const missing = PIPELINE_PARTS.filter((p) => p.status === 'missing');
  for (const part of missing) log(`${part.name}: ${part.note}`);
  if (missing.length === PIPELINE_PARTS.length) {
    log(
      'nothing of the pipeline itself exists yet: the stack is up and the connectors stream change events.',
    );
    log(
      'watch them with: kcat -b 127.0.0.1:19092 -C -t crm.crm.customers   (or billing.public.accounts, oms.public.orders)',
    );
    log('stop the services with: npm run stack:down');
    return 0;
  }
  return 0;
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

runMain(main);
