/**
 * The store on the stack's real MongoDB-wire server: guarded fact writes converge to the same view
 * whatever the order, duplicates included; deletes leave guards; email links follow both sides.
 */
import { MongoClient, type Db } from 'mongodb';
import { mariadbPosition, postgresPosition } from '../../src/domain/position';
import type { FactChange } from '../../src/domain/fact-change';
import { createStore, storedFacts, type Store } from '../../src/store/create-store';
import { ACCOUNTS, CUSTOMERS, ORDERS, codeMaps } from '../unit/domain/sample-rows';
import { endpoints } from './support/endpoints';
import { uniqueName } from './support/wait-for';

const EXPECTED: Record<string, string> = {
  '1001': 'ACTIVE',
  '1002': 'DELINQUENT',
  '1003': 'ACTIVE',
  '1004': 'PROSPECT',
  '1005': 'BLOCKED',
  '1006': 'CLOSED',
  '1007': 'INACTIVE',
  '1008': 'DELINQUENT',
  '1009': 'SUSPENDED',
  '1010': 'ACTIVE',
};

const crmPos = (n: number, snapshot = false) =>
  mariadbPosition(snapshot, 'mariadb-bin.000001', BigInt(n), 0, null);
const pgPos = (n: number, snapshot = false) => postgresPosition(snapshot, BigInt(n), BigInt(n), null);

function sampleChanges(): FactChange[] {
  return [
    ...CUSTOMERS.map((fact, i): FactChange => ({
      system: 'crm',
      table: 'customers',
      rowKey: fact.custId,
      fact,
      position: crmPos(100 + i, true),
      sourceTsMs: 1_000,
      unavailable: [],
    })),
    ...ACCOUNTS.map((fact, i): FactChange => ({
      system: 'billing',
      table: 'accounts',
      rowKey: fact.accountNo,
      fact,
      position: pgPos(100 + i, true),
      sourceTsMs: 1_000,
      unavailable: [],
    })),
    ...ORDERS.map((fact, i): FactChange => ({
      system: 'oms',
      table: 'orders',
      rowKey: String(i + 1),
      fact,
      position: pgPos(100 + i, true),
      sourceTsMs: 1_000,
      unavailable: [],
    })),
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('store on the MongoDB-wire server', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  let db: Db;
  let store: Store;
  const reader = storedFacts(codeMaps);

  async function feed(changes: FactChange[]): Promise<void> {
    await store.applyBatch(changes, reader);
  }
  const statuses = async () =>
    Object.fromEntries(
      (await store.customers.find().sort({ _id: 1 }).toArray()).map((c) => [c._id, c.status.value]),
    );

  beforeEach(async () => {
    db = client.db(uniqueName('store'));
    store = createStore({ db, codeMapsVersion: codeMaps.version });
    await store.ensureIndexes();
  });
  afterEach(async () => {
    await db.dropDatabase();
  });
  afterAll(async () => {
    await client.close();
  });

  it('builds the spec table from the sample rows, fed in batches', async () => {
    const changes = sampleChanges();
    for (let i = 0; i < changes.length; i += 7) await feed(changes.slice(i, i + 7));
    expect(await statuses()).toEqual(EXPECTED);
    const c1003 = await store.customers.findOne({ _id: '1003' });
    expect(c1003).toMatchObject({
      openOrders: 1,
      lifetimeSpendFen: '39900',
      accountNos: [],
      orderNos: ['SO2026000003'],
    });
    const unlinked = await store.facts
      .find({ linkedCustId: null, fact: { $ne: null }, system: { $ne: 'crm' } })
      .toArray();
    expect(unlinked.map((d) => d._id).sort()).toEqual(['billing:accounts:BA00000006', 'oms:orders:8']);
  });

  it('converges to the same view from shuffled batches with every change delivered twice', async () => {
    const changes = sampleChanges();
    const twice = shuffled([...changes, ...changes], 42);
    for (let i = 0; i < twice.length; i += 5) await feed(twice.slice(i, i + 5));
    expect(await statuses()).toEqual(EXPECTED);
  });

  it('converges when rows reported as new are already stored (a wrong guess, checked by the insert)', async () => {
    // Snapshot reads and inserts are taken as new rows without a read; delivered again, they collide.
    const created = sampleChanges().map((c) => ({ ...c, created: true }));
    await feed(created);
    const twice = shuffled([...created, ...created], 7);
    for (let i = 0; i < twice.length; i += 9) await feed(twice.slice(i, i + 9));
    expect(await statuses()).toEqual(EXPECTED);
    const unlinked = await store.facts
      .find({ linkedCustId: null, fact: { $ne: null }, system: { $ne: 'crm' } })
      .toArray();
    expect(unlinked.map((d) => d._id).sort()).toEqual(['billing:accounts:BA00000006', 'oms:orders:8']);
  });

  it('ignores a late, older update after a delete, and the delete leaves the other systems unlinked', async () => {
    await feed(sampleChanges());
    const base = sampleChanges()[4]!; // crm 1005
    await feed([{ ...base, fact: null, position: crmPos(500) }]);
    await feed([{ ...base, position: crmPos(400) }]); // older than the delete: must not resurrect
    expect(await store.customers.findOne({ _id: '1005' })).toBeNull();
    expect((await store.facts.findOne({ _id: 'crm:customers:1005' }))?.fact).toBeNull();

    await feed([{ ...sampleChanges()[8]!, fact: null, position: crmPos(501) }]); // crm 1009 deleted
    const accounts = await store.facts
      .find({ _id: { $in: ['billing:accounts:BA00000004', 'billing:accounts:BA00000005'] } })
      .toArray();
    expect(accounts.map((a) => a.linkedCustId)).toEqual([null, null]);
  });

  it('keeps the removal event of a deleted customer in the outbox until it is acknowledged', async () => {
    await feed(sampleChanges());
    for (const entry of await store.unpublished()) await store.ackEntry(entry);
    expect(await store.unpublished()).toEqual([]);

    const {
      rebuilt: { events },
    } = await store.applyBatch([{ ...sampleChanges()[4]!, fact: null, position: crmPos(500) }], reader);
    const removal = { custId: '1005', rev: null, outboxId: expect.any(String) };
    expect(events).toEqual([expect.objectContaining(removal)]);
    // A crash now loses nothing: the next start finds the event.
    const [left] = await store.unpublished();
    expect(left).toMatchObject(removal);
    expect(left?.events.at(-1)).toMatchObject({ customerId: '1005', removed: true, status: 'BLOCKED' });
    await store.ackEntry(left!);
    expect(await store.unpublished()).toEqual([]);
  });

  it('attaches an account when the CRM email comes to match, and detaches it when it stops matching', async () => {
    await feed(sampleChanges());
    const crm1010 = CUSTOMERS[9]!;
    await feed([
      {
        system: 'crm',
        table: 'customers',
        rowKey: '1010',
        fact: { ...crm1010, email: ' NOBODY@example.cn' },
        position: crmPos(600),
        sourceTsMs: 2_000,
        unavailable: [],
      },
    ]);
    expect(await store.customers.findOne({ _id: '1010' })).toMatchObject({
      accountNos: ['BA00000006'],
      status: { value: 'ACTIVE' },
    });
    expect((await store.facts.findOne({ _id: 'billing:accounts:BA00000006' }))?.linkedCustId).toBe('1010');

    // 1002 changes its email: its GRACE account (linked by email) detaches and it stops being DELINQUENT.
    const crm1002 = CUSTOMERS[1]!;
    await feed([
      {
        system: 'crm',
        table: 'customers',
        rowKey: '1002',
        fact: { ...crm1002, email: 'li.na@new.example.cn' },
        position: crmPos(601),
        sourceTsMs: 2_000,
        unavailable: [],
      },
    ]);
    expect(await store.customers.findOne({ _id: '1002' })).toMatchObject({
      accountNos: [],
      status: { value: 'ACTIVE' },
    });

    // The account's own email changes to the new one: it attaches again, from the billing side.
    const acct = ACCOUNTS[1]!;
    await feed([
      {
        system: 'billing',
        table: 'accounts',
        rowKey: acct.accountNo,
        fact: { ...acct, contactEmail: 'LI.NA@new.example.cn' },
        position: pgPos(700),
        sourceTsMs: 2_000,
        unavailable: [],
      },
    ]);
    expect(await store.customers.findOne({ _id: '1002' })).toMatchObject({
      accountNos: ['BA00000002'],
      status: { value: 'DELINQUENT' },
    });
  });

  it('attaches records that arrived before their customer', async () => {
    const changes = sampleChanges();
    const crm = changes.filter((c) => c.system === 'crm');
    await feed(changes.filter((c) => c.system !== 'crm'));
    expect(await store.customers.countDocuments()).toBe(0);
    await feed(crm);
    expect(await statuses()).toEqual(EXPECTED);
  });

  it('re-maps from stored facts when the code maps change, without any event', async () => {
    await feed(sampleChanges());
    const next = {
      ...codeMaps,
      version: 2,
      orderStatus: (c: number | string) =>
        String(c) === '45' ? ('DELIVERED' as const) : codeMaps.orderStatus(c),
    };
    const remapStore = createStore({ db, codeMapsVersion: 2 });
    await remapStore.recompute(['1007'], storedFacts(next));
    expect(await store.customers.findOne({ _id: '1007' })).toMatchObject({
      lifetimeSpendFen: '3300',
      codeMapsVersion: 2,
    });
  });
});
