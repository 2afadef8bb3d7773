/**
 * The MongoDB side of the view: guarded fact writes and customer recomputation. Knows no consumer
 * and no API. Works on MongoDB and on FerretDB: no transactions, no pipeline updates, no $lookup.
 *
 * Concurrency: a fact write is guarded by its source position (`pos`), so duplicates, replays and
 * stale events are no-ops whatever their order. Customer documents are recomputed from the stored
 * facts; two writers recomputing one customer at once both read committed facts, and the design
 * (docs/design.md) routes each customer to one writer.
 */
import type { Collection, Db } from 'mongodb';
import type { CodeMaps } from '../domain/code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import type { FactChange } from '../processors/tables/fact-change';
import { buildCustomerDoc, CUSTOMERS, type CustomerDoc } from './customer-doc';
import { FACTS, factId, factUpdate, type FactDoc } from './fact-docs';

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

  async function ensureIndexes(): Promise<void> {
    await facts.createIndex({ system: 1, emailNorm: 1 }, { name: 'system_email' });
    await facts.createIndex({ system: 1, refCustId: 1 }, { name: 'system_ref' });
    await facts.createIndex({ linkedCustId: 1 }, { name: 'linked' });
    await customers.createIndex({ 'status.value': 1, _id: 1 }, { name: 'status' });
    await customers.createIndex({ vipLevel: 1, _id: 1 }, { name: 'vip' });
    await customers.createIndex({ updatedAt: 1, _id: 1 }, { name: 'updated' });
    await customers.createIndex({ emailNorm: 1 }, { name: 'email' });
    await customers.createIndex({ nameLower: 1 }, { name: 'name_prefix' });
  }

  /** crm customers currently holding one of these normalised emails. */
  async function crmByEmail(emails: string[]): Promise<FactDoc[]> {
    if (emails.length === 0) return [];
    return facts.find({ system: 'crm', emailNorm: { $in: emails }, fact: { $ne: null } }).toArray();
  }

  async function applyFacts(batch: FactChange[]): Promise<ApplyResult> {
    const changes = newestPerRow(batch);
    const stale = batch.filter((c) => !changes.includes(c));
    const existing = new Map(
      (await facts.find({ _id: { $in: changes.map(factId) } }).toArray()).map((d) => [d._id, d] as const),
    );
    const applied: FactChange[] = [];
    const affected = new Set<string>();
    const emailsToResolve = new Set<string>();
    const at = now();
    for (const change of changes) {
      const id = factId(change);
      const old = existing.get(id);
      if (old && old.pos >= change.position.key) {
        stale.push(change);
        continue;
      }
      const $set = factUpdate(change, at);
      if (old) {
        // The guard: a concurrent writer that stored a newer position makes this a no-op.
        await facts.updateOne({ _id: id, pos: { $lt: change.position.key } }, { $set });
      } else {
        try {
          await facts.insertOne({ _id: id, linkedCustId: null, ...$set } as unknown as FactDoc);
        } catch (e) {
          // Another writer inserted the row first; retry through the guarded update.
          if ((e as { code?: number }).code !== 11000) throw e;
          await facts.updateOne({ _id: id, pos: { $lt: change.position.key } }, { $set });
        }
      }
      applied.push(change);
      if (old?.linkedCustId) affected.add(old.linkedCustId);
      const fresh = {
        emailNorm: $set.emailNorm as string | null,
        refCustId: $set.refCustId as string | null,
      };
      if (change.system === 'crm') {
        affected.add(change.rowKey);
        // An email change can move email-linked accounts to or from other customers.
        for (const e of [old?.emailNorm, fresh.emailNorm]) if (e) emailsToResolve.add(e);
      } else {
        if (fresh.refCustId) affected.add(fresh.refCustId);
        if (change.system === 'billing' && !fresh.refCustId && fresh.emailNorm)
          emailsToResolve.add(fresh.emailNorm);
      }
    }
    for (const d of await crmByEmail([...emailsToResolve])) affected.add(d.rowKey);
    return { applied, stale, affected };
  }

  /** Rebuilds the documents of these customers from the stored facts (also the `remap` path). */
  async function recompute(
    custIds: Iterable<string>,
    toFacts: FactReader,
  ): Promise<{ written: number; removed: number }> {
    const ids = [...new Set(custIds)];
    if (ids.length === 0) return { written: 0, removed: 0 };
    const crmDocs = await facts.find({ _id: { $in: ids.map((id) => `crm:customers:${id}`) } }).toArray();
    const live = crmDocs.filter((d) => d.fact !== null);
    const liveIds = new Set(live.map((d) => d.rowKey));
    const emails = [...new Set(live.map((d) => d.emailNorm).filter((e): e is string => !!e))];
    const [emailOwners, linkable, previous] = await Promise.all([
      crmByEmail(emails),
      facts
        .find({
          system: { $in: ['billing', 'oms'] },
          fact: { $ne: null },
          $or: [
            { refCustId: { $in: ids } },
            { system: 'billing', refCustId: null, emailNorm: { $in: emails } },
          ],
        })
        .toArray(),
      customers.find({ _id: { $in: ids } }, { projection: { status: 1 } }).toArray(),
    ]);
    const ownersOf = new Map<string, string[]>();
    for (const d of emailOwners)
      ownersOf.set(d.emailNorm as string, [...(ownersOf.get(d.emailNorm as string) ?? []), d.rowKey]);
    const ownerOf = (d: FactDoc): string | null => {
      if (d.refCustId) return liveIds.has(d.refCustId) ? d.refCustId : null;
      const owners = d.emailNorm ? (ownersOf.get(d.emailNorm) ?? []) : [];
      return owners.length === 1 ? (owners[0] as string) : null; // ambiguous email: attach to nobody
    };
    const prevStatus = new Map(previous.map((p) => [p._id, p] as const));
    const at = now();
    let written = 0;
    for (const crmDoc of live) {
      const custId = crmDoc.rowKey;
      const mine = linkable.filter((d) => ownerOf(d) === custId);
      const accounts = mine.filter((d) => d.system === 'billing').map((d) => toFacts.account(d));
      const orders = mine.filter((d) => d.system === 'oms').map((d) => toFacts.order(d));
      const asOfMs = Math.max(crmDoc.sourceTsMs, ...mine.map((d) => d.sourceTsMs));
      const doc = buildCustomerDoc(
        { crm: toFacts.crm(crmDoc), accounts, orders, asOfMs },
        prevStatus.get(custId) ?? null,
        codeMapsVersion,
        at,
      );
      await customers.replaceOne({ _id: custId }, doc, { upsert: true });
      const linkedIds = mine.map((d) => d._id);
      await facts.updateMany({ _id: { $in: linkedIds } }, { $set: { linkedCustId: custId } });
      await facts.updateMany(
        { linkedCustId: custId, _id: { $nin: linkedIds } },
        { $set: { linkedCustId: null } },
      );
      written += 1;
    }
    // A customer CRM deleted leaves the view; its accounts and orders stay, unlinked.
    const gone = ids.filter((id) => !liveIds.has(id));
    let removed = 0;
    if (gone.length > 0) {
      removed = (await customers.deleteMany({ _id: { $in: gone } })).deletedCount;
      await facts.updateMany({ linkedCustId: { $in: gone } }, { $set: { linkedCustId: null } });
    }
    return { written, removed };
  }

  return { ensureIndexes, applyFacts, recompute, facts, customers };
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
