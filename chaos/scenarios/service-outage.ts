/**
 * A stack service stopped and started again while the load runs: FerretDB (the store), Kafka
 * Connect, the Kafka broker, the legacy PostgreSQL, the MariaDB. Through tools/stack, by pid.
 */
import { startService, stopService } from '../../tools/stack/stack';
import type { FaultContext, Scenario } from '../scenario';

async function outage(ctx: FaultContext, service: string, downMs: number): Promise<string> {
  const t0 = Date.now();
  const how = await stopService(ctx.world.stack, service);
  ctx.log(`  ${service} ${how}; down for ${downMs / 1000}s`);
  await ctx.sleep(downMs);
  const t1 = Date.now();
  await startService(ctx.world.stack, service);
  const back = ((Date.now() - t1) / 1000).toFixed(1);
  ctx.log(`  ${service} ready again after ${back}s`);
  return `${service} ${how}, ${((t1 - t0) / 1000).toFixed(0)}s down, ${back}s to ready`;
}

export const ferretdbStop: Scenario = {
  id: 'store-down',
  title: 'stop FerretDB (the store) for 15 s',
  proves:
    'a store outage stalls the processors without losing or half-writing anything: batches retry with their deadline and the view catches up when the store returns',
  quick: true,
  inject: async (ctx) => ({ detail: await outage(ctx, 'ferretdb', 15_000) }),
};

export const connectRestart: Scenario = {
  id: 'connect-restart',
  title: 'restart Kafka Connect',
  proves:
    'Debezium resumes from its committed source offsets: no change is lost, what it sends twice is absorbed',
  quick: false,
  inject: async (ctx) => ({ detail: await outage(ctx, 'connect', 0) }),
};

export const kafkaRestart: Scenario = {
  id: 'kafka-restart',
  title: 'restart the Kafka broker',
  proves:
    'processors, Connect and the status publication ride out the only broker going away: nothing lost, status events at least once',
  quick: false,
  inject: async (ctx) => ({ detail: await outage(ctx, 'kafka', 5_000) }),
};

export const postgresRestart: Scenario = {
  id: 'postgres-restart',
  title: 'restart the legacy PostgreSQL (billing, oms)',
  proves:
    'the PostgreSQL connectors recover their replication slots on their own (here PostgreSQL also holds FerretDB and the registry, so it is a store outage too)',
  quick: false,
  inject: async (ctx) => ({ detail: await outage(ctx, 'postgres', 5_000) }),
};

export const mariadbRestart: Scenario = {
  id: 'mariadb-restart',
  title: 'restart the MariaDB (crm)',
  proves: 'the MariaDB connector resumes from its binlog position after the database returns',
  quick: false,
  inject: async (ctx) => ({ detail: await outage(ctx, 'mariadb', 5_000) }),
};
