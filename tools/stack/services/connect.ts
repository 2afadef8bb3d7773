import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { createConnectClient } from '../../../src/connect/connect-client';
import {
  composeConnector,
  loadConnectorDefinitions,
  loadFormatOverlay,
} from '../../../src/connect/connector-configs';
import { rolloutConnector, waitForRunning } from '../../../src/connect/rollout';
import { httpOk } from '../probes';
import type { ServiceDef, StackContext } from '../service';
import { DEMO } from './demo-credentials';
import { javaOpts } from './jvm';
import { brokers } from './kafka';
import { registryBase } from './registry';

export const CONNECTORS_DIR = path.join(REPO_ROOT, 'connectors');

export function connectUrl(ctx: StackContext): string {
  return `http://127.0.0.1:${ctx.config.STACK_CONNECT_PORT}`;
}

/**
 * The environment of the Connect worker: what the `${env:...}` placeholders in connectors/ resolve to.
 * docker-compose.yml gives its Connect container the same names (checked by a unit test).
 */
export function connectWorkerEnv(ctx: StackContext): Record<string, string> {
  const host = '127.0.0.1';
  const db = (prefix: string, port: number) => ({
    [`${prefix}_DB_HOST`]: host,
    [`${prefix}_DB_PORT`]: String(port),
    [`${prefix}_CDC_USER`]: DEMO.cdcUser,
    [`${prefix}_CDC_PASSWORD`]: DEMO.cdcPassword,
  });
  return {
    ...db('CRM', ctx.config.STACK_MARIADB_PORT),
    ...db('BILLING', ctx.config.STACK_PG_PORT),
    ...db('OMS', ctx.config.STACK_PG_PORT),
    CDC_KAFKA_BOOTSTRAP: brokers(ctx),
    // The Apicurio converter speaks the registry's native v2 API, not the Confluent-compatible one.
    CDC_REGISTRY_URL: `${registryBase(ctx)}/apis/registry/v2`,
  };
}

function workerProperties(ctx: StackContext): string {
  const port = ctx.config.STACK_CONNECT_PORT;
  return `# Written by stack:up. Distributed mode, so connectors are managed over REST as in production.
bootstrap.servers=${brokers(ctx)}
group.id=csv-connect
listeners=http://127.0.0.1:${port}
rest.advertised.host.name=127.0.0.1
rest.advertised.port=${port}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
config.storage.topic=_connect-configs
offset.storage.topic=_connect-offsets
status.storage.topic=_connect-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=1
status.storage.partitions=1
offset.flush.interval.ms=1000
scheduled.rebalance.max.delay.ms=0
plugin.path=${ctx.paths.plugins}
plugin.discovery=hybrid_warn
# Secrets and hosts in connector configs are \${env:NAME} placeholders resolved here, never stored in Kafka.
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
`;
}

export const connect: ServiceDef = {
  name: 'connect',
  provides: ['CONNECT_URL'],
  ports: (ctx) => [{ port: ctx.config.STACK_CONNECT_PORT, variable: 'STACK_CONNECT_PORT' }],

  async prepare(ctx) {
    fs.writeFileSync(path.join(ctx.paths.conf, 'connect-worker.properties'), workerProperties(ctx));
  },

  daemon: (ctx) => ({
    command: ctx.tools().java,
    args: [
      ...javaOpts('768m', ctx),
      '-cp',
      `${path.join(ctx.paths.lib, 'kafka')}/*`,
      'org.apache.kafka.connect.cli.ConnectDistributed',
      path.join(ctx.paths.conf, 'connect-worker.properties'),
    ],
    env: connectWorkerEnv(ctx),
  }),

  ready: (ctx) => httpOk(`${connectUrl(ctx)}/connectors`),

  async afterReady(ctx) {
    const client = createConnectClient({ baseUrl: connectUrl(ctx) });
    const overlay = loadFormatOverlay(CONNECTORS_DIR, ctx.config.CONNECTOR_FORMAT);
    for (const def of loadConnectorDefinitions(CONNECTORS_DIR)) {
      const outcome = await rolloutConnector(client, composeConnector(def, overlay));
      await waitForRunning(client, def.name, ctx.config.STACK_PROBE_TIMEOUT_S * 1000);
      ctx.reporter.step(
        'connect',
        `connector ${def.name} (${ctx.config.CONNECTOR_FORMAT}): ${outcome}, RUNNING`,
      );
    }
  },
};
