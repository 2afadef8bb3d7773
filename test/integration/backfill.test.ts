/**
 * `customer-view backfill snapshot` on the real stack: each private connector re-sends its whole table
 * as a blocking snapshot (signalled on its Kafka signal topic; nothing written to the legacy
 * databases), the processors take the rows again, and the view stays equal to the SQL oracle, with
 * every snapshot row counted as stale or applied and no dead letter beyond the demo's unknown code.
 */
import { MongoClient } from 'mongodb';
import { childEnv } from '../../src/config/endpoints';
import { createAdmin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { createLegacyCopy, type LegacyCopy } from './support/legacy-db';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { runCli } from './support/run-cli';
import { uniqueName, waitFor } from './support/wait-for';

const backfill = (args: string[]) => runCli(['backfill', ...args], childEnv(endpoints), 60_000);

describe('backfill snapshot', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('backfill'));
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;

  beforeAll(async () => {
    await admin.connect();
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
  });
  afterAll(async () => {
    await pipeline?.stop().catch(() => undefined);
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await admin.disconnect();
  });

  it('re-sends whole tables without a gap, and the view stays equal to the oracle', async () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    pipeline = createTestPipeline({ db, topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic } });
    await pipeline.start();
    const expected = await oracleView({ crm: crm.db, billing: billing.db, oms: oms.db });
    const view = () => viewAsOracle(db);
    await waitFor(
      'the view to match the oracle',
      async () => JSON.stringify(await view()) === JSON.stringify(expected) || undefined,
      {
        timeoutMs: 120_000,
      },
    );
    const ends = async () =>
      Promise.all(
        copies.map(async (c) =>
          (await admin.fetchTopicOffsets(c.topic)).reduce((n, p) => n + Number(p.high), 0),
        ),
      );
    const before = await ends();
    const deadLetters = pipeline.totals.deadLetters;
    const taken = () => pipeline!.totals.applied + pipeline!.totals.stale + pipeline!.totals.deadLetters;
    const takenBefore = taken();

    const dry = await backfill(['snapshot', '--system', 'crm', '--connector', crm.connector, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`would send on _signals.${crm.db}`);
    for (const c of copies) {
      const sent = await backfill(['snapshot', '--system', c.system, '--connector', c.connector]);
      expect(sent.stderr).toBe('');
      expect(sent.status).toBe(0);
    }
    // Every row of every table again: 10 customers, 7 accounts, 8 orders in the sample data.
    await waitFor(
      'the snapshots on the topics',
      async () => {
        const after = await ends();
        return after.every((n, i) => n - (before[i] as number) >= [10, 7, 8][i]!) || undefined;
      },
      { timeoutMs: 60_000 },
    );
    await waitFor(
      'the processors to take all 25 rows',
      async () => (taken() - takenBefore >= 25 ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    await waitFor(
      'the view to match the oracle again',
      async () => JSON.stringify(await view()) === JSON.stringify(expected) || undefined,
      {
        timeoutMs: 60_000,
      },
    );
    // The demo's unknown order state is dead-lettered again with its row; nothing else is.
    expect(pipeline.totals.deadLetters - deadLetters).toBeLessThanOrEqual(1);

    const bad = await backfill(['snapshot', '--system', 'crm', '--connector', 'no-such-connector']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no connector named no-such-connector');
  });
});
