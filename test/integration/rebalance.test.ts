/**
 * Two processor instances in one consumer group on Avro topics of three partitions, while all three
 * legacy systems keep changing: an instance joins mid-stream, the first one leaves, and the whole
 * view must equal the oracle computed from the tables. Also the Avro path end to end (connectors
 * configured with the Avro converter) and email linking in both directions.
 */
import { MongoClient } from 'mongodb';
import type { CustomerDoc } from '../../src/store/customer-doc';
import { endpoints } from './support/endpoints';
import { churnStep, createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { uniqueName, waitFor } from './support/wait-for';

describe('two processor instances rebalancing while changes flow (Avro, 3 partitions)', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('rebalance'));
  const groupId = uniqueName('csv_rebalance');
  const stateTopic = uniqueName('state');
  const instances: Array<ReturnType<typeof createTestPipeline>> = [];

  const instance = () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    const p = createTestPipeline({
      db,
      groupId,
      stateTopic,
      topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic },
    });
    instances.push(p);
    return p;
  };

  beforeAll(async () => {
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'avro', { partitions: 3 }));
  });
  afterAll(async () => {
    for (const p of instances) await p.stop().catch(() => undefined);
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('converges to the oracle after a join and a leave mid-stream', async () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    const first = instance();
    await first.start();
    await waitFor(
      'the snapshot in the view',
      async () => (await db.collection('customers').countDocuments()) >= 10,
      { timeoutMs: 90_000 },
    );

    let second: ReturnType<typeof createTestPipeline> | undefined;
    for (let i = 0; i < 50; i++) {
      await churnStep({ crm: crm.db, billing: billing.db, oms: oms.db }, i);
      // Email links both ways: a CRM email change attaches/detaches an account, and vice versa.
      await sql('crm', crm.db, 'UPDATE customers SET email = ? WHERE cust_id = 1010', [
        i % 2 === 0 ? ' Nobody@Example.CN ' : null,
      ]);
      await sql('billing', billing.db, 'UPDATE accounts SET contact_email = $1 WHERE account_no = $2', [
        i % 3 === 0 ? 'wu.xia@example.cn' : 'li.na@example.cn',
        'BA00000002',
      ]);
      if (i === 15) {
        second = instance();
        await second.start();
      }
      if (i === 35) await first.stop();
    }
    // An account that arrives before its customer, attaching when the customer appears.
    await sql(
      'billing',
      billing.db,
      `INSERT INTO accounts (account_no, crm_ref, contact_email, acct_state, balance, updated_at)
       VALUES ('BA00000099', NULL, 'new.comer@example.cn', 'DUNNING', 10.00, now())`,
    );
    await sql(
      'crm',
      crm.db,
      `INSERT INTO customers (cust_id, cust_name, email, mobile, cust_status, vip_level, created_at, modified_at)
       VALUES (1011, 'New Comer', 'New.Comer@example.cn', NULL, 'A', 0, NOW(), NOW())`,
    );

    const expected = await oracleView({ crm: crm.db, billing: billing.db, oms: oms.db });
    const view = () => viewAsOracle(db);
    await waitFor(
      'the view to match the oracle',
      async () => JSON.stringify(await view()) === JSON.stringify(expected) || undefined,
      { timeoutMs: 120_000 },
    ).catch(async () => expect(await view()).toEqual(expected));
    expect(Object.keys(expected)).toHaveLength(11);
    expect((await db.collection<CustomerDoc>('customers').findOne({ _id: '1011' }))?.status.value).toBe(
      'DELINQUENT',
    );
    // Both instances did real work, and the status topic kept one document per customer in line.
    expect(first.totals.batches).toBeGreaterThan(0);
    expect(second?.totals.batches).toBeGreaterThan(0);
    await waitFor('the outbox drained', async () =>
      (await db.collection('customers').countDocuments({ 'pendingEvents.0': { $exists: true } })) === 0
        ? true
        : undefined,
    );
  });
});
