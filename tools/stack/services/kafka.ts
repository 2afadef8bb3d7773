import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { probeKafka } from '../../../src/kafka/kafka-client';
import { runChecked } from '../process-control';
import type { ServiceDef, StackContext } from '../service';
import { LOG4J2_PROPERTIES, javaOpts } from './jvm';

export function brokers(ctx: StackContext): string {
  return `127.0.0.1:${ctx.config.STACK_KAFKA_PORT}`;
}

function serverProperties(ctx: StackContext): string {
  const { STACK_KAFKA_PORT: port, STACK_KAFKA_CONTROLLER_PORT: controller } = ctx.config;
  return `# Written by stack:up. Single-node KRaft: one process is broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${ctx.paths.dataDir('kafka')}
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests create and join many groups; waiting for more members only slows them down.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=168
`;
}

export const kafka: ServiceDef = {
  name: 'kafka',
  provides: ['KAFKA_BROKERS'],
  ports: (ctx) => [
    { port: ctx.config.STACK_KAFKA_PORT, variable: 'STACK_KAFKA_PORT' },
    { port: ctx.config.STACK_KAFKA_CONTROLLER_PORT, variable: 'STACK_KAFKA_CONTROLLER_PORT' },
  ],

  async prepare(ctx) {
    const props = path.join(ctx.paths.conf, 'kafka-server.properties');
    fs.writeFileSync(props, serverProperties(ctx));
    fs.writeFileSync(path.join(ctx.paths.conf, 'log4j2.properties'), LOG4J2_PROPERTIES);
    if (fs.existsSync(path.join(ctx.paths.dataDir('kafka'), 'meta.properties'))) return;
    // A cluster id is 16 random bytes in URL-safe base64; a leading '-' would read as a CLI flag.
    let clusterId = '';
    do clusterId = crypto.randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-'));
    await ctx.reporter.timed('kafka', 'format KRaft storage', async () => {
      runChecked(
        ctx.tools().java,
        [
          '-cp',
          `${path.join(ctx.paths.lib, 'kafka')}/*`,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          clusterId,
          '-c',
          props,
          '--ignore-formatted',
        ],
        { what: 'kafka-storage format' },
      );
    });
  },

  daemon: (ctx) => ({
    command: ctx.tools().java,
    args: [
      ...javaOpts('512m', ctx),
      '-cp',
      `${path.join(ctx.paths.lib, 'kafka')}/*`,
      'kafka.Kafka',
      path.join(ctx.paths.conf, 'kafka-server.properties'),
    ],
  }),

  ready: (ctx) => probeKafka([brokers(ctx)]),
};
