/**
 * What every scenario of a chaos run works on: private copies of the three legacy databases with
 * their own Debezium connectors (JSON, 3 partitions), two processor processes in one consumer
 * group, their own view database, state and dead-letter topics, and the bench's generator writing
 * changes. One world serves the whole run, so each scenario starts from the state the previous one
 * left: a scenario that breaks the pipeline shows in the next one too.
 */
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { Endpoints } from '../src/config/endpoints';
import { createConnectClient } from '../src/connect/connect-client';
import { createAdmin, type Admin } from '../src/kafka/kafka-client';
import { createLegacyDb, type LegacyCopy, type LegacySystem } from '../harness/legacy/legacy-db';
import { startProcessorsProcess, type ProcessorsProcess } from '../bench/e2e/processors-process';
import { consumedAll } from '../bench/e2e/catch-up';
import { createModel } from '../bench/workload/model';
import { createRng, type Rng } from '../bench/workload/random';
import { runSteadyLoad, type SteadyResult } from '../bench/workload/steady';
import { addCounts, createSourceWriter, expectedMessages, type ChangeCounts } from '../bench/workload/writer';
import type { StackContext } from '../tools/stack/service';

export const SYSTEMS = ['crm', 'billing', 'oms'] as const;

export interface WorldOptions {
  customers: number;
  seed: number;
  logDir: string;
}

type Cleanup = (what: string, fn: () => Promise<unknown>) => void;

export async function createWorld(
  endpoints: Endpoints,
  stack: StackContext,
  o: WorldOptions,
  run: string,
  log: (line: string) => void,
  cleanup: Cleanup,
) {
  const legacy = createLegacyDb(endpoints);
  const connect = createConnectClient({ baseUrl: endpoints.CONNECT_URL });
  const admin: Admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-chaos', retries: 2 });
  await admin.connect();
  cleanup('kafka admin', () => admin.disconnect());

  const copies = {} as Record<LegacySystem, LegacyCopy>;
  for (const system of SYSTEMS) {
    const copy = await legacy.createLegacyCopy(system, 'json', {
      partitions: 3,
      prefix: `${run}_${system}`,
      // Connect restarts are a scenario: the slot must outlive the connector's stop, as in production.
      dropSlotOnStop: false,
    });
    copies[system] = copy;
    cleanup(`legacy copy ${copy.db}`, async () => {
      await copy.drop();
      const topics = [copy.topic, `_signals.${copy.db}`, `_schema-history.${copy.db}`];
      await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
    });
  }
  const dbs = { crm: copies.crm.db, billing: copies.billing.db, oms: copies.oms.db };
  const topics = { crm: copies.crm.topic, billing: copies.billing.topic, oms: copies.oms.topic };
  log(`legacy copies ${Object.values(dbs).join(', ')}, connectors RUNNING`);

  const count = async (system: LegacySystem, table: string) =>
    Number(
      ((await legacy.sql(system, dbs[system], `SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[])[0]
        ?.n,
    );
  const total: ChangeCounts = {
    changes: 0,
    deletes: 0,
    bySystem: {
      crm: await count('crm', 'customers'),
      billing: await count('billing', 'accounts'),
      oms: await count('oms', 'orders'),
    },
    deletesBySystem: { crm: 0, billing: 0, oms: 0 },
  };
  /** Messages put on a source topic by the harness itself (poison, duplicates). */
  const injected: Record<string, number> = {};

  const mongoDb = `${run}_view`;
  const groupId = `${run}_group`;
  const stateTopic = `${run}.state`;
  const dlqTopic = `${run}.dlq`;
  const mongo = new MongoClient(endpoints.MONGO_URL, {
    serverSelectionTimeoutMS: 10_000,
    socketTimeoutMS: 60_000,
  });
  await mongo.connect();
  cleanup('view database', async () => {
    await mongo.db(mongoDb).dropDatabase();
    await mongo.close();
  });
  cleanup('state and dead-letter topics', () =>
    admin.deleteTopics({ topics: [stateTopic, dlqTopic], timeout: 10_000 }).catch(() => undefined),
  );

  const startInstance = (n: number) =>
    startProcessorsProcess({
      endpoints,
      topics,
      groupId,
      mongoDb,
      dlqTopic,
      stateTopic,
      logFile: path.join(o.logDir, `${run}-processors-${n}.log`),
    });
  // The second instance joins once the initial load is in (secondInstance()): two instances rebuilding
  // the same customers in a burst can lose an update on FerretDB (see the README's Chaos section).
  const instances: ProcessorsProcess[] = [await startInstance(0)];
  cleanup('processors', () => Promise.all(instances.map((p) => p.stop())));
  log(`processor 0 in group ${groupId}: pid ${instances[0]?.pid}`);

  const writer = createSourceWriter(endpoints, dbs);
  cleanup('source connections', () => writer.close());
  const model = createModel();
  const rng: Rng = createRng(o.seed);

  const world = {
    endpoints,
    stack,
    legacy,
    connect,
    admin,
    copies,
    dbs,
    topics,
    groupId,
    stateTopic,
    dlqTopic,
    rng,
    db: (): Db => mongo.db(mongoDb),
    instances,
    async secondInstance(): Promise<void> {
      instances[1] = await startInstance(1);
      log(`processor 1 joined group ${groupId}: pid ${instances[1].pid}`);
    },
    /** Replaces instance `n` (after a kill or an exit) with a fresh process in the same group. */
    async restartInstance(n: number): Promise<ProcessorsProcess> {
      const p = await startInstance(n);
      instances[n] = p;
      return p;
    },
    async load(customers: number) {
      const loaded = await writer.load(model, customers, rng);
      addCounts(total, loaded);
      return loaded;
    },
    /** The steady change load of a scenario: `rate` changes/s for `seconds`. */
    async steady(rate: number, seconds: number): Promise<SteadyResult> {
      const r = await runSteadyLoad(
        writer,
        model,
        rng,
        { rate, seconds, sampleEvery: 1_000_000_000, marker: `Chaos ${run}` },
        () => undefined,
      );
      addCounts(total, r.counts);
      return r;
    },
    inject(topic: string, messages: number): void {
      injected[topic] = (injected[topic] ?? 0) + messages;
    },
    /** Rows a scenario changed by SQL itself (each a Debezium change event). */
    injectSql(system: LegacySystem, rows: number): void {
      total.changes += rows;
      total.bySystem[system] += rows;
    },
    /** Source messages so far: Debezium's for the rows written, plus what the harness injected. */
    expected(): Record<string, number> {
      return Object.fromEntries(
        SYSTEMS.map((s) => [topics[s], expectedMessages(total, s) + (injected[topics[s]] ?? 0)]),
      );
    },
    changes: () => total.changes,
    injectedCount: () => Object.values(injected).reduce((a, b) => a + b, 0),
    consumedAll: () => consumedAll(admin, groupId, world.expected()),
  };
  return world;
}
export type World = Awaited<ReturnType<typeof createWorld>>;
