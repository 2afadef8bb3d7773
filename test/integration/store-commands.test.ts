/**
 * The store's cost is shaped by the batch, not by its events: a batch of 1,000 change events over 200
 * customers, counted with the driver's command monitoring, costs a bounded number of MongoDB commands
 * (key reads as `$in`), and the same rows changed twice in one batch (2,000 events) cost no more.
 * With key reads as one equality query per key (what FerretDB serves from its indexes) the count
 * follows the distinct rows and customers, still not the events.
 */
import { MongoClient, type Db } from 'mongodb';
import type { FactChange } from '../../src/domain/fact-change';
import { mariadbPosition, postgresPosition } from '../../src/domain/position';
import { createStore, storedFacts } from '../../src/store/create-store';
import type { KeyReadShape } from '../../src/store/key-reads';
import { codeMaps } from '../unit/domain/sample-rows';
import { endpoints } from './support/endpoints';
import { uniqueName } from './support/wait-for';

/**
 * Commands of one batch with `$in` key reads, each bulk of updates sent whole (docs/design.md lists
 * them one by one): new rows are 3 reads and 7 writes, changed rows 3 reads and 4 writes; any batch
 * of up to 1,000 keys per read stays under 27 when nobody races it.
 */
const NEW_ROWS = 10;
const CHANGED_ROWS = 7;
/** Changed rows update facts, orders and customers: split in parts, each bulk adds parts − 1 commands. */
const UPDATE_BULKS = 3;
const DEFAULT_PARTS = 4;
const CUSTOMERS = 200;

/** One version of every row of 200 customers: CRM row, billing account, three orders (1,000 rows). */
function changes(version: number): FactChange[] {
  const out: FactChange[] = [];
  const crmPos = (n: number) => mariadbPosition(false, 'mariadb-bin.000001', BigInt(n), 0, null);
  const pgPos = (n: number) => postgresPosition(false, BigInt(n), BigInt(n), null);
  const base = { sourceTsMs: 1_000 + version, unavailable: [] };
  for (let i = 0; i < CUSTOMERS; i++) {
    const custId = String(50_000 + i);
    const email = `cmd.${i}@example.cn`;
    const seq = version * 10_000 + i * 10;
    out.push({
      ...base,
      system: 'crm',
      table: 'customers',
      rowKey: custId,
      position: crmPos(seq),
      fact: {
        custId,
        name: `Command ${i}`,
        email,
        mobile: null,
        rawStatus: version % 2 === 0 ? 'A' : 'P',
        status: version % 2 === 0 ? 'ACTIVE' : 'PROSPECT',
        vipLevel: i % 4,
        changedAt: null,
      },
    });
    const accountNo = `CB${String(i).padStart(8, '0')}`;
    const rawState = version % 2 === 0 ? 'OPEN' : 'GRACE';
    out.push({
      ...base,
      system: 'billing',
      table: 'accounts',
      rowKey: accountNo,
      position: pgPos(seq + 1),
      fact: {
        accountNo,
        // Half attach by crm_ref, half by email, as the migrated accounts do.
        crmRef: i % 2 === 0 ? custId : null,
        contactEmail: email,
        rawState,
        state: codeMaps.billingState(rawState),
        balance: '1.00',
        changedAt: null,
      },
    });
    for (let k = 0; k < 3; k++) {
      const id = i * 3 + k + 1;
      const rawOrder = [10, 20, 50][(k + version) % 3] as number;
      out.push({
        ...base,
        system: 'oms',
        table: 'orders',
        rowKey: String(id),
        position: pgPos(seq + 2 + k),
        fact: {
          orderNo: `CO${String(id).padStart(10, '0')}`,
          buyerCode: `C${custId}`,
          rawState: rawOrder,
          status: codeMaps.orderStatus(rawOrder),
          totalFen: BigInt(1000 + id),
          placedAt: new Date(1_700_000_000_000 + id * 1000),
          changedAt: null,
        },
      });
    }
  }
  return out;
}

describe('store commands per batch', () => {
  const client = new MongoClient(endpoints.MONGO_URL, { monitorCommands: true });
  const counted = new Map<string, string[]>();
  let counting: string | null = null;
  client.on('commandStarted', (e) => {
    if (counting && e.databaseName === counting) counted.get(counting)?.push(e.commandName);
  });
  const dbs: Db[] = [];

  afterAll(async () => {
    for (const db of dbs) await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  /** Commands of one batch as the pipeline runs it: facts and orders, rebuilds, outbox, progress. */
  async function batch(db: Db, shape: KeyReadShape, events: FactChange[], writeParts = 1): Promise<string[]> {
    const store = createStore({ db, codeMapsVersion: codeMaps.version, keyReads: shape, writeParts });
    counted.set(db.databaseName, []);
    counting = db.databaseName;
    try {
      const { rebuilt } = await store.applyBatch(events, storedFacts(codeMaps));
      await store.acknowledge(rebuilt.events);
      await store.recordProgress([{ system: 'CRM', topic: 't', lastEventMs: 1 }]);
      expect(rebuilt.written).toBe(CUSTOMERS);
    } finally {
      counting = null;
    }
    return counted.get(db.databaseName) ?? [];
  }

  async function freshDb(): Promise<Db> {
    const db = client.db(uniqueName('cmds'));
    dbs.push(db);
    await createStore({ db, codeMapsVersion: codeMaps.version }).ensureIndexes();
    return db;
  }

  it('costs at most a fixed number of commands with $in reads, for new rows and for changed rows', async () => {
    const db = await freshDb();
    const first = await batch(db, 'in', changes(0)); // 1,000 events, all rows new
    const second = await batch(db, 'in', [...changes(1), ...changes(2)]); // 2,000 events on the same rows
    expect(first.length).toBeLessThanOrEqual(NEW_ROWS);
    expect(second.length).toBeLessThanOrEqual(CHANGED_ROWS);
    // The same with the bulks of updates split for the store's connections (the processors' default).
    const split = await freshDb();
    await batch(split, 'in', changes(0), DEFAULT_PARTS);
    const splitSecond = await batch(split, 'in', [...changes(1), ...changes(2)], DEFAULT_PARTS);
    expect(splitSecond.length).toBeGreaterThan(CHANGED_ROWS);
    expect(splitSecond.length).toBeLessThanOrEqual(CHANGED_ROWS + UPDATE_BULKS * (DEFAULT_PARTS - 1));

    const view = await db
      .collection('customers')
      .find({}, { projection: { status: 1 } })
      .toArray();
    expect(view).toHaveLength(CUSTOMERS);
    // Version 2: CRM A, accounts OPEN: every customer ACTIVE.
    expect(new Set(view.map((c) => (c.status as { value: string }).value))).toEqual(new Set(['ACTIVE']));
  });

  it('follows distinct rows and customers, not events, with equality reads', async () => {
    const once = await freshDb();
    const twice = await freshDb();
    await batch(once, 'equality', changes(0));
    await batch(twice, 'equality', changes(0));
    // The same end state, from 1,000 events and from 2,000 (every row changed twice).
    const oneVersion = await batch(once, 'equality', changes(2));
    const twoVersions = await batch(twice, 'equality', [...changes(1), ...changes(2)]);
    expect(twoVersions.length).toBe(oneVersion.length);
    // Per row its fact, per customer its document and the CRM holders of its email; nothing else is
    // read, because the batch moves no row to another customer (customers rebuilt from their previous
    // document). Writes stay bulk.
    expect(oneVersion.length).toBeLessThanOrEqual(1000 + 2 * CUSTOMERS + CHANGED_ROWS);
  });
});
