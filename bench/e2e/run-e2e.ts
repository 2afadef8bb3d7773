/**
 * End to end through the real path: the generator writes into private copies of the three legacy
 * databases (their own Debezium connectors, JSON), the processors run as their own process, and
 * the view is read back through the GraphQL API.
 * - catch-up: from the first generator write until the view equals the SQL oracle of the copies;
 * - freshness: a steady load of `rate` changes/s; sampled CRM renames polled through GraphQL;
 * - peak RSS of the processors' process.
 */
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { parseGraphqlConfig } from '../../src/config/graphql-config';
import type { Endpoints } from '../../src/config/endpoints';
import { createConnectClient } from '../../src/connect/connect-client';
import { createGraphqlServer } from '../../src/graphql';
import { createAdmin } from '../../src/kafka/kafka-client';
import { createRegistryClient } from '../../src/schema-registry/registry-client';
import {
  createLegacyDb,
  legacyUrl,
  type LegacyCopy,
  type LegacySystem,
} from '../../harness/legacy/legacy-db';
import codeMapsJson from '../../mappings/code-maps.json';
import { createCodeMaps } from '../../src/domain/code-maps';
import { reconcile } from '../../src/reconcile/reconcile';
import { runGenerationJob } from '../../src/backfill/rebuild';
import { parseProcessorConfig } from '../../src/config/processor-config';
import { generationDbName } from '../../src/store/view-generations';
import { waitFor } from '../../harness/wait-for';
import { percentile } from '../stats';
import { createModel } from '../workload/model';
import { createRng } from '../workload/random';
import { runSteadyLoad } from '../workload/steady';
import { addCounts, createSourceWriter, expectedMessages, type ChangeCounts } from '../workload/writer';
import { compareWithOracle, consumedAll, type ViewDiff } from './catch-up';
import { createFreshnessProbe } from './freshness-probe';
import { startProcessorsProcess } from './processors-process';

export interface E2eOptions {
  customers: number;
  /** Changes drawn after the initial load. */
  churn: number;
  /** Steady load, changes per second. */
  rate: number;
  steadySeconds: number;
  sampleEvery: number;
  seed: number;
  catchUpTimeoutMs: number;
  /** How long samples may still become visible after the steady load, at most. */
  drainMs: number;
  logDir: string;
  /** Measure `backfill rebuild` at the end. */
  rebuild: boolean;
}

export interface E2eResult {
  catchUp: {
    changes: number;
    seconds: number | null;
    load: { changes: number; seconds: number };
    churn: { changes: number; seconds: number };
    customersInView: number;
    diff: ViewDiff;
  };
  freshness: {
    p50: number | null;
    p95: number | null;
    p99: number | null;
    max: number | null;
    rate: number;
    targetRate: number;
    samples: number;
    unseen: number;
    seconds: number;
    finalDiff: ViewDiff | null;
  };
  rssMb: number | null;
  /** `reconcile` (src/reconcile) over the caught-up view and its legacy copies. */
  reconcile: { seconds: number; customers: number; drifted: number };
  /** `backfill rebuild` of the whole view while the processors run: replay, verify, switch. */
  rebuild: { seconds: number; switched: boolean; drifted: number | null; viewEqualsOracle: boolean } | null;
}

type Cleanup = (what: string, fn: () => Promise<unknown>) => void;

export async function runEndToEnd(
  endpoints: Endpoints,
  o: E2eOptions,
  run: string,
  log: (line: string) => void,
  cleanup: Cleanup,
): Promise<E2eResult> {
  const legacy = createLegacyDb(endpoints);
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-bench-e2e' });
  await admin.connect();
  cleanup('kafka admin', () => admin.disconnect());

  const copies = {} as Record<LegacySystem, LegacyCopy>;
  for (const system of ['crm', 'billing', 'oms'] as const) {
    const copy = await legacy.createLegacyCopy(system, 'json', { partitions: 3, prefix: `${run}_${system}` });
    copies[system] = copy;
    cleanup(`legacy copy ${copy.db}`, async () => {
      await copy.drop();
      const topics = [copy.topic, `_signals.${copy.db}`, `_schema-history.${copy.db}`];
      await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
    });
  }
  const dbs = { crm: copies.crm.db, billing: copies.billing.db, oms: copies.oms.db };
  log(`legacy copies ${Object.values(dbs).join(', ')} with connectors RUNNING`);

  // What the snapshot of the sample rows put on the topics.
  const seeded: Record<LegacySystem, number> = {
    crm: Number(
      ((await legacy.sql('crm', dbs.crm, 'SELECT COUNT(*) AS n FROM customers')) as { n: number }[])[0]?.n,
    ),
    billing: Number(
      ((await legacy.sql('billing', dbs.billing, 'SELECT COUNT(*) AS n FROM accounts')) as { n: string }[])[0]
        ?.n,
    ),
    oms: Number(
      ((await legacy.sql('oms', dbs.oms, 'SELECT COUNT(*) AS n FROM orders')) as { n: string }[])[0]?.n,
    ),
  };

  const mongoDb = `${run}_e2e`;
  const groupId = `${run}_e2e`;
  const stateTopic = `${run}.e2e.state`;
  const dlqTopic = `${run}.e2e.dlq`;
  const mongo = new MongoClient(endpoints.MONGO_URL, { serverSelectionTimeoutMS: 10_000 });
  await mongo.connect();
  cleanup('e2e database', async () => {
    await mongo.db(mongoDb).dropDatabase();
    await mongo.close();
  });
  cleanup('e2e topics', () =>
    admin.deleteTopics({ topics: [stateTopic, dlqTopic], timeout: 10_000 }).catch(() => undefined),
  );
  const processors = await startProcessorsProcess({
    endpoints,
    topics: { crm: copies.crm.topic, billing: copies.billing.topic, oms: copies.oms.topic },
    groupId,
    mongoDb,
    dlqTopic,
    stateTopic,
    logFile: path.join(o.logDir, `${run}-processors.log`),
  });
  cleanup('processors process', () => processors.stop());
  log(`processors pid ${processors.pid} ready (metrics on :${processors.port})`);

  const writer = createSourceWriter(endpoints, dbs);
  cleanup('source connections', () => writer.close());
  const model = createModel();
  const rng = createRng(o.seed);
  const total: ChangeCounts = {
    changes: 0,
    deletes: 0,
    bySystem: { ...seeded },
    deletesBySystem: { crm: 0, billing: 0, oms: 0 },
  };
  const expected = () =>
    Object.fromEntries(
      (['crm', 'billing', 'oms'] as const).map((s) => [copies[s].topic, expectedMessages(total, s)]),
    );

  const t0 = Date.now();
  const loaded = await writer.load(model, o.customers, rng);
  const tLoad = Date.now();
  addCounts(total, loaded);
  log(`load: ${loaded.changes} rows in ${((tLoad - t0) / 1000).toFixed(1)}s`);
  const churned = await writer.churn(model, o.churn, rng);
  const tChurn = Date.now();
  addCounts(total, churned);
  log(`churn: ${churned.changes} row changes in ${((tChurn - tLoad) / 1000).toFixed(1)}s`);
  const changes = loaded.changes + churned.changes;

  // Caught up: every message consumed and committed, then the whole view equals the oracle.
  const deadline = t0 + o.catchUpTimeoutMs;
  let caughtUpAt: number | null = null;
  let diff: ViewDiff = { expected: 0, actual: 0, mismatches: -1, examples: [] };
  let lastLog = Date.now();
  while (Date.now() < deadline) {
    if (!processors.alive()) throw new Error('the processors exited during catch-up');
    if (await consumedAll(admin, groupId, expected())) {
      const at = Date.now();
      diff = await compareWithOracle(legacy.sql, dbs, mongo.db(mongoDb));
      if (diff.mismatches === 0) {
        caughtUpAt = at;
        break;
      }
      log(
        `  consumed everything, ${diff.mismatches} customers differ from the oracle yet; polling (${diff.examples[0]})`,
      );
    }
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`  catching up... ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }
    await new Promise((r) => setTimeout(r, 500)); // poll period of the cheap check
  }
  const seconds = caughtUpAt === null ? null : (caughtUpAt - t0) / 1000;
  log(
    seconds === null
      ? `catch-up: NOT within ${o.catchUpTimeoutMs / 1000}s (${diff.mismatches} customers differ)`
      : `catch-up: ${changes} changes in ${seconds.toFixed(1)}s = ${(changes / seconds).toFixed(0)} changes/s, view = oracle (${diff.expected} customers)`,
  );

  // What an operator's reconcile costs on this volume, on the caught-up view (no drift expected).
  const rec = await reconcile({
    db: mongo.db(mongoDb),
    codeMaps: createCodeMaps(codeMapsJson),
    sources: {
      crm: legacyUrl(endpoints, 'crm', copies.crm.db),
      billing: legacyUrl(endpoints, 'billing', copies.billing.db),
      oms: legacyUrl(endpoints, 'oms', copies.oms.db),
    },
  });
  const reconciled = { seconds: rec.seconds, customers: rec.sourceCustomers, drifted: rec.drifted.length };
  log(
    `reconcile: ${rec.sourceCustomers} customers in ${rec.seconds.toFixed(1)}s, ${rec.drifted.length} drifted`,
  );

  // Freshness at a steady rate, through the API.
  const apiMongo = new MongoClient(endpoints.MONGO_URL, { serverSelectionTimeoutMS: 10_000 });
  await apiMongo.connect();
  cleanup('api mongo client', () => apiMongo.close());
  const api = createGraphqlServer({
    db: apiMongo.db(mongoDb),
    config: { ...parseGraphqlConfig({}), GRAPHQL_PORT: 0, GRAPHQL_RATE_LIMIT_PER_MINUTE: 10_000_000 },
    log: () => undefined,
    kafka: { brokers: endpoints.KAFKA_BROKERS, statusTopic: stateTopic },
    registry: createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
    connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
    pipeline: {
      groupId,
      systems: {
        CRM: { topic: copies.crm.topic, connector: copies.crm.connector },
        BILLING: { topic: copies.billing.topic, connector: copies.billing.connector },
        OMS: { topic: copies.oms.topic, connector: copies.oms.connector },
      },
    },
    ensureIndexes: false,
  });
  await api.start();
  cleanup('graphql api', () => api.stop());
  const marker = `Fresh ${run}`;
  const probe = createFreshnessProbe({ url: api.url, marker });
  probe.start();
  log(
    `steady load: ${o.rate} changes/s for ${o.steadySeconds}s, 1 in ${o.sampleEvery} a CRM rename polled through ${api.url}`,
  );
  const steady = await runSteadyLoad(
    writer,
    model,
    rng,
    { rate: o.rate, seconds: o.steadySeconds, sampleEvery: o.sampleEvery, marker },
    (s) => probe.add(s),
  );
  addCounts(total, steady.counts);
  // Samples are awaited until seen, however late: a backlog shows as latency, not as a missing figure.
  await probe.drain(Date.now() + o.drainMs, () => consumedAll(admin, groupId, expected()));
  const { latencies, unseen } = probe.stats();
  log(
    `steady: ${steady.counts.changes} changes in ${steady.seconds.toFixed(1)}s = ${steady.achievedRate.toFixed(0)}/s` +
      ` (${steady.errors} failed statements); ${latencies.length} samples seen, ${unseen} never seen`,
  );

  // The whole view at the end, after the steady load.
  let finalDiff: ViewDiff | null = null;
  await waitFor('the processors to consume the steady load', () => consumedAll(admin, groupId, expected()), {
    timeoutMs: o.catchUpTimeoutMs,
    intervalMs: 500,
  }).then(
    async () => {
      finalDiff = await waitFor(
        'the view to equal the oracle after the steady load',
        async () => {
          const d = await compareWithOracle(legacy.sql, dbs, mongo.db(mongoDb));
          return d.mismatches === 0 ? d : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 2000 },
      ).catch(async () => compareWithOracle(legacy.sql, dbs, mongo.db(mongoDb)));
    },
    (e: unknown) => log(`  ${(e as Error).message}`),
  );
  const rssMb = processors.peakRssMb() ?? null;

  // What an operator's rebuild costs on this volume: the whole view replayed from the topics into a
  // new generation while the processors keep running, verified against the sources, switched to.
  let rebuilt: E2eResult['rebuild'] = null;
  if (o.rebuild) {
    const rebuiltDb = generationDbName(mongoDb, 1);
    cleanup('rebuilt generation', () => mongo.db(rebuiltDb).dropDatabase());
    const codeMaps = createCodeMaps(codeMapsJson);
    const sources = {
      crm: legacyUrl(endpoints, 'crm', copies.crm.db),
      billing: legacyUrl(endpoints, 'billing', copies.billing.db),
      oms: legacyUrl(endpoints, 'oms', copies.oms.db),
    };
    log('rebuild: replaying the topics into a new generation while the processors run');
    const job = runGenerationJob(
      {
        base: mongo.db(mongoDb),
        config: parseProcessorConfig({
          MONGO_DB: mongoDb,
          PROCESSOR_GROUP_ID: groupId,
          STATE_TOPIC: stateTopic,
          DLQ_TOPIC: dlqTopic,
          CRM_TOPIC: copies.crm.topic,
          BILLING_TOPIC: copies.billing.topic,
          OMS_TOPIC: copies.oms.topic,
        }),
        endpoints,
        codeMaps,
        admin,
        verify: (db) => reconcile({ db, sources, codeMaps }),
        progress: (pr) => {
          if (pr.note) log(`  rebuild ${pr.phase}: ${pr.note}`);
        },
        log: () => undefined,
      },
      'rebuild',
      { timeoutMs: o.catchUpTimeoutMs },
    ).catch((e: unknown) => {
      log(`rebuild FAILED: ${(e as Error).message}`);
      return null;
    });
    const done = await job;
    if (done) {
      const after = await compareWithOracle(legacy.sql, dbs, mongo.db(rebuiltDb));
      rebuilt = {
        seconds: done.seconds,
        switched: done.switched,
        drifted: done.drift ? done.drift.drifted.length : null,
        viewEqualsOracle: after.mismatches === 0,
      };
      log(
        `rebuild: ${done.seconds.toFixed(1)}s, switched ${done.switched}, drifted ${rebuilt.drifted}, new generation = oracle: ${rebuilt.viewEqualsOracle}`,
      );
    }
  }
  const p = (q: number) => percentile(latencies, q) ?? null;
  log(
    `freshness p50/p95/p99: ${p(50)}/${p(95)}/${p(99)} ms; view = oracle after the load: ` +
      `${finalDiff === null ? 'not checked' : (finalDiff as ViewDiff).mismatches === 0}; processors peak RSS ${rssMb?.toFixed(0)} MB`,
  );
  const last = finalDiff as ViewDiff | null;
  if (last && last.mismatches > 0)
    log(`  ${last.mismatches} customers differ from the oracle, e.g.\n    ${last.examples.join('\n    ')}`);
  return {
    catchUp: {
      changes,
      seconds,
      load: { changes: loaded.changes, seconds: (tLoad - t0) / 1000 },
      churn: { changes: churned.changes, seconds: (tChurn - tLoad) / 1000 },
      customersInView: diff.actual,
      diff,
    },
    freshness: {
      p50: p(50),
      p95: p(95),
      p99: p(99),
      max: p(100),
      rate: steady.achievedRate,
      targetRate: o.rate,
      samples: steady.samples,
      unseen,
      seconds: steady.seconds,
      finalDiff,
    },
    rssMb,
    reconcile: reconciled,
    rebuild: rebuilt,
  };
}
