/**
 * Reconciliation on the real stack: private copies of the three legacy databases, captured by their
 * own connectors into a private view; once the view has caught up, `reconcile` finds no drift, and
 * drift written straight into MongoDB (a wrong status, a lost account, a deleted customer, a stray
 * customer, an old name) is found and told apart by kind. `customer-view reconcile` exits 2 on it,
 * and `--repair` mends it from the stored facts (exit 0, the view equal to the oracle again); drift
 * of the facts themselves (a row lost) is mended by a targeted snapshot from the connector.
 */
import { MongoClient } from 'mongodb';
import codeMapsJson from '../../mappings/code-maps.json';
import { legacyUrl } from '../../harness/legacy/legacy-db';
import { childEnv } from '../../src/config/endpoints';
import { createCodeMaps } from '../../src/domain/code-maps';
import { reconcile } from '../../src/reconcile/reconcile';
import { endpoints } from './support/endpoints';
import { createLegacyCopy, type LegacyCopy } from './support/legacy-db';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { runCli } from './support/run-cli';
import { uniqueName, waitFor } from './support/wait-for';

describe('reconcile: legacy sources against the view', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('reconcile'));
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;

  beforeAll(async () => {
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
  });
  afterAll(async () => {
    await pipeline?.stop().catch(() => undefined);
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('finds no drift in a caught-up view, then each kind written into it by hand', async () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    pipeline = createTestPipeline({ db, topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic } });
    await pipeline.start();
    const expected = await oracleView({ crm: crm.db, billing: billing.db, oms: oms.db });
    await waitFor(
      'the view to match the oracle',
      async () => JSON.stringify(await viewAsOracle(db)) === JSON.stringify(expected) || undefined,
      { timeoutMs: 120_000 },
    );
    await pipeline.stop();

    const deps = {
      db,
      codeMaps: createCodeMaps(codeMapsJson),
      sources: {
        crm: legacyUrl(endpoints, 'crm', crm.db),
        billing: legacyUrl(endpoints, 'billing', billing.db),
        oms: legacyUrl(endpoints, 'oms', oms.db),
      },
    };
    const clean = await reconcile(deps, { pageSize: 3 }); // small pages: the keyset paging is exercised
    expect(clean.drifted).toEqual([]);
    expect(clean.sourceCustomers).toBe(Object.keys(expected).length);
    expect(clean.viewCustomers).toBe(clean.sourceCustomers);

    const customers = db.collection<{ _id: string } & Record<string, unknown>>('customers');
    await customers.updateOne({ _id: '1001' }, { $set: { 'status.value': 'CLOSED' } });
    await customers.updateOne({ _id: '1009' }, { $set: { accountNos: ['BA00000004'] } });
    await customers.deleteOne({ _id: '1003' });
    // A customer left behind (CRM no longer has it): a copy of a real document under another id.
    const stray = await customers.findOne({ _id: '1010' });
    await customers.insertOne({ ...stray, _id: '4242', crmId: '4242' });
    await customers.updateOne({ _id: '1004' }, { $set: { name: 'Someone Else' } });

    const drift = await reconcile(deps, { pageSize: 3 });
    expect(drift.counts).toEqual({ missing: 1, extra: 1, 'wrong-status': 1, 'wrong-links': 1, stale: 1 });
    expect(drift.drifted).toEqual(['1001', '1003', '1004', '1009', '4242']);
    expect(drift.samples['wrong-status'][0]?.fields.status?.[0]).toBe('CLOSED');
    expect(drift.samples['wrong-links'][0]?.fields.accountNos).toEqual([
      ['BA00000004'],
      ['BA00000004', 'BA00000005'],
    ]);

    // The same through the command an operator (or cron) runs, on this test's databases only.
    const env = childEnv(endpoints, {
      MONGO_DB: db.databaseName,
      CRM_MARIADB_URL: deps.sources.crm,
      BILLING_PG_URL: deps.sources.billing,
      OMS_PG_URL: deps.sources.oms,
      STATE_TOPIC: pipeline.stateTopic, // created by the processors; repairs publish their status changes there
    });
    const cli = (...args: string[]) => runCli(['reconcile', ...args], env);
    const found = await cli('--json');
    expect(found.status).toBe(2);
    expect((JSON.parse(found.stdout) as { drifted: string[] }).drifted).toEqual(drift.drifted);

    const repaired = await cli('--repair');
    expect(repaired.stderr).not.toMatch(/error/);
    expect(repaired.stdout).toContain('after --repair');
    expect(repaired.status).toBe(0);
    expect(await viewAsOracle(db)).toEqual(expected);
    expect((await cli()).status).toBe(0);

    // Drift the stored facts cannot mend: a customer's CRM row lost with its document, as if its
    // events never arrived. --repair asks the connector for those rows again (a blocking snapshot
    // on its signal topic) and waits for the running processors to apply them.
    await db.collection<{ _id: string }>('facts').deleteOne({ _id: 'crm:customers:1002' });
    await customers.deleteOne({ _id: '1002' });
    pipeline = createTestPipeline({
      db,
      groupId: pipeline.groupId,
      topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic },
    });
    await pipeline.start();
    const snapshot = await cli(
      '--repair',
      '--wait',
      '90',
      ...[crm, billing, oms].flatMap((c) => ['--connector', `${c.system}=${c.connector}`]),
    );
    expect(snapshot.stderr).toContain('snapshots of 1 customers');
    expect(snapshot.status).toBe(0);
    expect(await viewAsOracle(db)).toEqual(expected);
  });
});
