/**
 * The MongoDB side of the view: guarded fact writes and customer recomputation. Knows no consumer
 * and no API. Works on MongoDB and on FerretDB: no transactions, no pipeline updates, no $lookup.
 *
 * Concurrency: a fact write is guarded by its source position (`pos`), so duplicates, replays and
 * stale events are no-ops whatever their order. Customer documents are rebuilt from the stored facts
 * under optimistic concurrency (a revision compared on replace), so any number of processor
 * instances may rebuild one customer at once (docs/design.md).
 */
import type { Collection, Db } from 'mongodb';
import type { CodeMaps } from '../domain/code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import type { FactChange } from '../processors/tables/fact-change';
import { buildCustomerDoc, CUSTOMERS, type CustomerDoc, type StatusEvent } from './customer-doc';
import { FACTS, factId, factUpdate, type FactDoc } from './fact-docs';
import { ORDERS, orderDoc, type OrderDoc } from './order-docs';
import { PROGRESS, type ProgressDoc } from './progress-docs';

/** Rebuilds of one customer that lost the revision race, before giving up (retriable). */
const MAX_ATTEMPTS = 8;

/**
 * Runs one operation per key, at most PER_KEY_CONCURRENCY at a time: enough to hide round trips,
 * few enough that a batch never queues hundreds of operations on the driver's pool (FerretDB's
 * PostgreSQL backend stalls under that).
 */
const PER_KEY_CONCURRENCY = 8;
async function perKey<K, T>(keys: readonly K[], run: (key: K) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      out[i] = await run(keys[i] as K);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_KEY_CONCURRENCY, keys.length) }, worker));
  return out;
}

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * Status events waiting for publication: in the customer document (`rev`), or, for a customer that
 * left the view, in the `outbox` collection (`outboxId`), since its document is gone.
 */
export interface OutboxEntry {
  custId: string;
  rev: number | null;
  outboxId?: string;
  events: StatusEvent[];
}

interface OutboxDoc {
  _id: string;
  custId: string;
  events: StatusEvent[];
}

export interface RecomputeResult {
  written: number;
  removed: number;
  /** Rebuilds redone because another writer changed the customer in between. */
  conflicts: number;
  /** Outbox entries to publish. */
  events: OutboxEntry[];
}

export interface ApplyResult {
  applied: FactChange[];
  /** Not newer than what is stored: duplicates, redeliveries, late older events. */
  stale: FactChange[];
  /** Customers whose document may have changed. */
  affected: Set<string>;
}

/** Keeps, per row, only the newest change of a batch: one write per row. */
export function newestPerRow(changes: FactChange[]): FactChange[] {
  const byId = new Map<string, FactChange>();
  for (const c of changes) {
    const prev = byId.get(factId(c));
    if (!prev || prev.position.key < c.position.key) byId.set(factId(c), c);
  }
  return [...byId.values()];
}

export function createStore({
  db,
  codeMapsVersion,
  now = () => new Date(),
}: {
  db: Db;
  codeMapsVersion: number;
  now?: () => Date;
}) {
  const facts: Collection<FactDoc> = db.collection<FactDoc>(FACTS);
  const customers: Collection<CustomerDoc> = db.collection<CustomerDoc>(CUSTOMERS);
  const orders: Collection<OrderDoc> = db.collection<OrderDoc>(ORDERS);
  const progress: Collection<ProgressDoc> = db.collection<ProgressDoc>(PROGRESS);
  const outbox: Collection<OutboxDoc> = db.collection<OutboxDoc>('outbox');

  async function ensureIndexes(): Promise<void> {
    await facts.createIndex({ system: 1, emailNorm: 1 }, { name: 'system_email' });
    await facts.createIndex({ system: 1, refCustId: 1 }, { name: 'system_ref' });
    await facts.createIndex({ linkedCustId: 1 }, { name: 'linked' });
    await customers.createIndex({ 'status.value': 1, _id: 1 }, { name: 'status' });
    await customers.createIndex({ vipLevel: 1, _id: 1 }, { name: 'vip' });
    await customers.createIndex({ updatedAt: 1, _id: 1 }, { name: 'updated' });
    await customers.createIndex({ emailNorm: 1 }, { name: 'email' });
    await customers.createIndex({ nameLower: 1 }, { name: 'name_prefix' });
    await customers.createIndex({ accountNos: 1 }, { name: 'account_nos' });
    await orders.createIndex({ custId: 1, placedAt: -1, _id: -1 }, { name: 'customer_orders' });
  }

  /**
   * Reads by key go out as one equality query per key, in parallel, not as one `$in`: FerretDB
   * pushes equality down to an indexed SQL lookup but evaluates `$in`/`$or` over the whole collection.
   */
  async function factsById(ids: string[]): Promise<FactDoc[]> {
    const docs = await perKey(ids, (id) => facts.findOne({ _id: id }));
    return docs.filter((d): d is FactDoc => d !== null);
  }

  /** crm customers currently holding one of these normalised emails. */
  async function crmByEmail(emails: string[]): Promise<FactDoc[]> {
    if (emails.length === 0) return [];
    const found = await perKey(emails, (e) => facts.find({ system: 'crm', emailNorm: e }).toArray());
    return found.flat().filter((d) => d.fact !== null);
  }

  async function applyFacts(batch: FactChange[]): Promise<ApplyResult> {
    const changes = newestPerRow(batch);
    const kept = new Set(changes);
    const stale = batch.filter((c) => !kept.has(c));
    const existing = new Map((await factsById(changes.map(factId))).map((d) => [d._id, d] as const));
    const applied: FactChange[] = [];
    const affected = new Set<string>();
    const emailsToResolve = new Set<string>();
    const at = now();
    // Distinct rows after the fold: their writes are independent and go out together.
    await perKey(changes, async (change) => {
      const id = factId(change);
      const old = existing.get(id);
      if (old && old.pos > change.position.key) {
        stale.push(change);
        return;
      }
      const $set = factUpdate(change, at);
      if (old && old.pos === change.position.key) {
        // A redelivery of the stored change: the write is done, but a crash may have come before
        // its derived writes. They are idempotent, so redo them.
        stale.push(change);
      } else {
        await writeFact(id, change, $set, Boolean(old));
        applied.push(change);
      }
      if (change.system === 'oms') await writeOrder(change, old);
      if (old?.linkedCustId) affected.add(old.linkedCustId);
      // Whoever the row pointed at before and points at now may gain or lose it.
      for (const e of [old?.emailNorm, $set.emailNorm as string | null]) if (e) emailsToResolve.add(e);
      for (const r of [old?.refCustId, $set.refCustId as string | null]) if (r) affected.add(r);
      if (change.system === 'crm') affected.add(change.rowKey);
    });
    for (const d of await crmByEmail([...emailsToResolve])) affected.add(d.rowKey);
    return { applied, stale, affected };
  }

  async function writeFact(id: string, change: FactChange, $set: Record<string, unknown>, exists: boolean) {
    if (exists) {
      // The guard: a concurrent writer that stored a newer position makes this a no-op.
      await facts.updateOne({ _id: id, pos: { $lt: change.position.key } }, { $set });
      return;
    }
    try {
      await facts.insertOne({ _id: id, linkedCustId: null, ...$set } as unknown as FactDoc);
    } catch (e) {
      // Another writer inserted the row first; retry through the guarded update.
      if (!isDuplicateKey(e)) throw e;
      await facts.updateOne({ _id: id, pos: { $lt: change.position.key } }, { $set });
    }
  }

  /** The `orders` document (keyed by order_no) follows its fact, guarded by the same position. */
  async function writeOrder(change: FactChange & { system: 'oms' }, old: FactDoc | undefined) {
    const pos = change.position.key;
    // A delete carries only orders.id; the stored fact knows its order_no. So does a renumbered order.
    const oldNo = (old?.fact as { orderNo?: string } | null | undefined)?.orderNo;
    if (oldNo && oldNo !== change.fact?.orderNo) await orders.deleteOne({ _id: oldNo, pos: { $lte: pos } });
    if (!change.fact) return;
    const doc: Partial<OrderDoc> = orderDoc(change.fact, change.rowKey, null, pos, change.sourceTsMs);
    const _id = change.fact.orderNo;
    delete doc._id;
    delete doc.custId; // the customer's rebuild links it
    try {
      const r = await orders.updateOne({ _id, pos: { $lte: pos } }, { $set: doc }, { upsert: true });
      // Unlinked until its customer's rebuild says otherwise. (Not `$setOnInsert`: FerretDB's
      // PostgreSQL backend drops it on upsert.) Conditional, so a link set meanwhile stays.
      if (r.upsertedCount === 1)
        await orders.updateOne({ _id, custId: { $exists: false } }, { $set: { custId: null } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // a newer version is stored already
    }
  }

  /**
   * Rebuilds the documents of these customers from the stored facts (also the `remap` path).
   *
   * Any number of writers may run this at once: each document carries a revision, read before the
   * facts, and is replaced only if the revision is unchanged. A writer that loses the race reads the
   * facts again, so the last successful write always saw every fact written before it began.
   */
  async function recompute(custIds: Iterable<string>, toFacts: FactReader): Promise<RecomputeResult> {
    let ids = [...new Set(custIds)];
    const result: RecomputeResult = { written: 0, removed: 0, conflicts: 0, events: [] };
    for (let attempt = 1; ids.length > 0; attempt += 1) {
      const conflicted = await recomputeOnce(ids, toFacts, result);
      result.conflicts += conflicted.length;
      if (conflicted.length > 0 && attempt >= MAX_ATTEMPTS)
        throw new Error(`customers ${conflicted.join(', ')} kept changing under ${MAX_ATTEMPTS} rebuilds`);
      ids = conflicted;
    }
    return result;
  }

  async function recomputeOnce(ids: string[], toFacts: FactReader, result: RecomputeResult) {
    // Revisions first, facts second: see recompute().
    const previous = new Map(
      (
        await perKey(ids, (id) =>
          customers.findOne(
            { _id: id },
            {
              projection: {
                status: 1,
                rev: 1,
                pendingEvents: 1,
                accountNos: 1,
                orderNos: 1,
                codeMapsVersion: 1,
              },
            },
          ),
        )
      )
        .filter((p): p is NonNullable<typeof p> => p !== null)
        .map((p) => [p._id, p] as const),
    );
    const crmDocs = await factsById(ids.map((id) => `crm:customers:${id}`));
    const live = crmDocs.filter((d) => d.fact !== null);
    const liveIds = new Set(live.map((d) => d.rowKey));
    const emails = [...new Set(live.map((d) => d.emailNorm).filter((e): e is string => !!e))];
    const [emailOwners, byRef, byEmail] = await Promise.all([
      crmByEmail(emails),
      perKey(ids, (id) =>
        Promise.all([
          facts.find({ system: 'billing', refCustId: id }).toArray(),
          facts.find({ system: 'oms', refCustId: id }).toArray(),
        ]),
      ),
      perKey(emails, (e) => facts.find({ system: 'billing', emailNorm: e }).toArray()),
    ]);
    const linkable = [...byRef.flat(2), ...byEmail.flat().filter((d) => d.refCustId === null)].filter(
      (d) => d.fact !== null,
    );
    const ownersOf = new Map<string, string[]>();
    for (const d of emailOwners)
      ownersOf.set(d.emailNorm as string, [...(ownersOf.get(d.emailNorm as string) ?? []), d.rowKey]);
    const ownerOf = (d: FactDoc): string | null => {
      if (d.refCustId) return liveIds.has(d.refCustId) ? d.refCustId : null;
      const owners = d.emailNorm ? (ownersOf.get(d.emailNorm) ?? []) : [];
      return owners.length === 1 ? (owners[0] as string) : null; // ambiguous email: attach to nobody
    };
    // Each linkable row's owner once, not once per customer of the batch.
    const byOwner = new Map<string, FactDoc[]>();
    for (const d of linkable) {
      const owner = ownerOf(d);
      if (!owner) continue;
      const list = byOwner.get(owner);
      if (list) list.push(d);
      else byOwner.set(owner, [d]);
    }
    const at = now();
    const conflicted: string[] = [];
    // Customers are independent of each other: rebuild them together.
    await perKey(live, async (crmDoc) => {
      const custId = crmDoc.rowKey;
      const mine = byOwner.get(custId) ?? [];
      const accounts = mine.filter((d) => d.system === 'billing').map((d) => toFacts.account(d));
      const orderFacts = mine.filter((d) => d.system === 'oms');
      const asOfMs = Math.max(crmDoc.sourceTsMs, ...mine.map((d) => d.sourceTsMs));
      const prev = previous.get(custId) ?? null;
      const doc = buildCustomerDoc(
        { crm: toFacts.crm(crmDoc), accounts, orders: orderFacts.map((d) => toFacts.order(d)), asOfMs },
        prev,
        codeMapsVersion,
        at,
      );
      if (!(await replaceIfUnchanged(doc, prev?.rev ?? null))) {
        conflicted.push(custId);
        return;
      }
      result.written += 1;
      if (doc.pendingEvents.length > 0)
        result.events.push({ custId, rev: doc.rev, events: doc.pendingEvents });
      await relink(custId, mine, orderFacts, toFacts, prev);
    });
    // A customer CRM deleted leaves the view; its accounts and orders stay, unlinked.
    for (const id of ids.filter((i) => !liveIds.has(i))) {
      const prev = previous.get(id);
      if (!prev) continue;
      // The removal event goes to the outbox collection first: once the document is deleted there is
      // nothing else to carry it, and the CRM delete is already stored, so the event is true.
      const outboxId = `${id}:${prev.rev + 1}`;
      const events: StatusEvent[] = [
        ...prev.pendingEvents,
        {
          customerId: id,
          version: prev.rev + 1,
          status: prev.status.value,
          previousStatus: prev.status.value,
          rule: 'CRM deleted the customer',
          since: prev.status.since,
          removed: true,
          changedAt: at,
        },
      ];
      await outbox.replaceOne({ _id: outboxId }, { custId: id, events }, { upsert: true });
      if ((await customers.deleteOne({ _id: id, rev: prev.rev })).deletedCount === 0) {
        await outbox.deleteOne({ _id: outboxId });
        conflicted.push(id);
        continue;
      }
      result.removed += 1;
      result.events.push({ custId: id, rev: null, outboxId, events });
      await facts.updateMany({ linkedCustId: id }, { $set: { linkedCustId: null } });
      await orders.updateMany({ custId: id }, { $set: { custId: null } });
    }
    return conflicted;
  }

  async function replaceIfUnchanged(doc: CustomerDoc, rev: number | null): Promise<boolean> {
    if (rev !== null) return (await customers.replaceOne({ _id: doc._id, rev }, doc)).matchedCount === 1;
    try {
      await customers.insertOne(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /** Points the customer's rows at it (and rows it lost away from it), remapping order statuses. */
  async function relink(
    custId: string,
    mine: FactDoc[],
    orderFacts: FactDoc[],
    toFacts: FactReader,
    prev: Pick<CustomerDoc, 'accountNos' | 'orderNos' | 'codeMapsVersion'> | null,
  ) {
    const linked = orderFacts.map((d) => ({ doc: d, fact: toFacts.order(d) }));
    const orderNos = linked.map((o) => o.fact.orderNo);
    // Always: an order left pointing at a customer that lost it would be served under that customer.
    await orders.updateMany({ custId, _id: { $nin: orderNos } }, { $set: { custId: null } });
    // Orders first, then the facts' links: a crash in between leaves the fact unlinked, so the
    // next rebuild writes the order again. Already-linked orders only need a write after a remap.
    const remapped = prev?.codeMapsVersion !== codeMapsVersion;
    const toWrite = linked.filter(({ doc }) => remapped || doc.linkedCustId !== custId);
    if (toWrite.length > 0) {
      await orders.bulkWrite(
        toWrite.map(({ doc, fact }) => ({
          updateOne: {
            // Only the version this rebuild read: a newer order write carries its own status.
            filter: { _id: fact.orderNo, pos: doc.pos },
            update: { $set: { custId, status: fact.status } },
          },
        })),
      );
    }
    // Sequential: this runs inside the per-customer fan-out already.
    for (const d of mine.filter((x) => x.linkedCustId !== custId))
      await facts.updateOne({ _id: d._id }, { $set: { linkedCustId: custId } });
    // Facts' links are a hint for whom a change affects (a stale one costs one extra rebuild): clear
    // them only when the customer lost an account or order since its last document.
    const keep = new Set([...mine.map((d) => d.rowKey), ...orderNos]);
    const lost = prev ? [...prev.accountNos, ...prev.orderNos].some((k) => !keep.has(k)) : false;
    if (lost) {
      await facts.updateMany(
        { linkedCustId: custId, _id: { $nin: mine.map((d) => d._id) } },
        { $set: { linkedCustId: null } },
      );
    }
  }

  /** Marks a published entry as done, unless its document moved on (then its events go again). */
  async function ackEntry(entry: OutboxEntry): Promise<void> {
    if (entry.outboxId) {
      await outbox.deleteOne({ _id: entry.outboxId });
      return;
    }
    if (entry.rev === null) return;
    const rev = entry.rev;
    const done = new Set(entry.events.map((e) => e.version));
    const doc = await customers.findOne({ _id: entry.custId, rev }, { projection: { pendingEvents: 1 } });
    if (!doc) return;
    const left = doc.pendingEvents.filter((e) => !done.has(e.version));
    await customers.updateOne({ _id: entry.custId, rev }, { $set: { pendingEvents: left } });
  }

  /** Outbox entries left by a crash between a view write and its publication. */
  async function unpublished(): Promise<OutboxEntry[]> {
    const docs = await customers
      .find({ 'pendingEvents.0': { $exists: true } }, { projection: { rev: 1, pendingEvents: 1 } })
      .toArray();
    const removals = await outbox.find().toArray();
    return [
      ...docs.map((d) => ({ custId: d._id, rev: d.rev, events: d.pendingEvents })),
      ...removals.map((d) => ({ custId: d.custId, rev: null, outboxId: d._id, events: d.events })),
    ];
  }

  /** Remaps the status of orders attached to nobody (attached ones follow their customer). */
  async function remapUnlinkedOrders(toFacts: FactReader): Promise<number> {
    let changed = 0;
    const ids = await orders.find({ custId: null }, { projection: { omsId: 1 } }).toArray();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500).map((o) => `oms:orders:${o.omsId}`);
      for (const d of (await factsById(chunk)).filter((f) => f.fact !== null)) {
        const { orderNo, status } = toFacts.order(d);
        const r = await orders.updateOne(
          { _id: orderNo, pos: d.pos, status: { $ne: status } },
          { $set: { status } },
        );
        changed += r.modifiedCount;
      }
    }
    return changed;
  }

  /** Per system, the newest source commit time applied: the API's freshness report. */
  async function recordProgress(system: ProgressDoc['_id'], topic: string, lastEventMs: number) {
    await progress.updateOne(
      { _id: system },
      { $max: { lastEventAt: new Date(lastEventMs) }, $set: { topic, lastAppliedAt: now() } },
      { upsert: true },
    );
  }

  /** No fact stored yet: a new (or wiped) view. */
  async function isEmpty(): Promise<boolean> {
    return (await facts.findOne({}, { projection: { _id: 1 } })) === null;
  }

  return {
    ensureIndexes,
    isEmpty,
    applyFacts,
    recompute,
    ackEntry,
    unpublished,
    remapUnlinkedOrders,
    recordProgress,
    facts,
    customers,
    orders,
  };
}
export type Store = ReturnType<typeof createStore>;

/** Turns stored fact documents back into domain facts (the store keeps bigint as text). */
export interface FactReader {
  crm(doc: FactDoc): CrmCustomerFact;
  account(doc: FactDoc): BillingAccountFact;
  order(doc: FactDoc): OrderFact;
}

/**
 * Reads stored facts back as domain facts, mapping raw codes again with the current code maps: a
 * mapping change followed by a recompute (`remap`) needs no replay of Kafka.
 */
export function storedFacts(codeMaps: CodeMaps): FactReader {
  return {
    crm: (d) => {
      const f = d.fact as unknown as CrmCustomerFact;
      return { ...f, status: codeMaps.crmStatus(f.rawStatus) };
    },
    account: (d) => {
      const f = d.fact as unknown as BillingAccountFact;
      return { ...f, state: codeMaps.billingState(f.rawState) };
    },
    order: (d) => {
      const f = d.fact as unknown as OrderFact & { totalFen: string };
      return { ...f, totalFen: BigInt(f.totalFen), status: codeMaps.orderStatus(f.rawState) };
    },
  };
}
