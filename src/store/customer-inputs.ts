/**
 * What a batch of customer rebuilds reads: the customers' documents (their revisions), then their CRM
 * facts, then every row that may belong to them (by crm_ref/buyer_code, or by email) and the CRM
 * holders of their emails. A constant number of reads per batch with the `in` shape, one per key
 * with the `equality` shape (key-reads.ts).
 */
import type { Collections } from './collections';
import type { CustomerDoc } from './customer-doc';
import {
  isLive,
  type AccountFactDoc,
  type CrmFactDoc,
  type FactDoc,
  type LiveFactDoc,
  type OrderFactDoc,
} from './fact-docs';
import type { KeyReads } from './key-reads';
import type { WriteThrough } from './write-through';

/** The parts of the previous document a rebuild needs. */
export type PreviousDoc = Pick<
  CustomerDoc,
  '_id' | 'status' | 'rev' | 'pendingEvents' | 'accountNos' | 'orderNos' | 'codeMapsVersion'
>;
const PREVIOUS = {
  status: 1,
  rev: 1,
  pendingEvents: 1,
  accountNos: 1,
  orderNos: 1,
  codeMapsVersion: 1,
} as const;

export type OwnedRow = LiveFactDoc<AccountFactDoc> | LiveFactDoc<OrderFactDoc>;

export interface CustomerInputs {
  previous: Map<string, PreviousDoc>;
  /** Customers CRM has: their CRM fact. */
  live: LiveFactDoc<CrmFactDoc>[];
  /** Per live customer, the billing and OMS rows that belong to it now. */
  owned: Map<string, OwnedRow[]>;
  /** Asked-for customers CRM does not have (never had, or deleted). */
  gone: string[];
  /** The owner of every row found, by fact id (rows without one are absent). */
  ownerOfRow: Map<string, string>;
}

export const crmFactId = (custId: string) => `crm:customers:${custId}`;

/**
 * Rows a batch is about to store, by fact id: reads see them instead of (or beside) what is stored,
 * so a batch computes its customers and links before writing, and writes each row with its link.
 */
export type Overlay = ReadonlyMap<string, FactDoc>;

/** What is stored for `match`, with the overlaid rows in place of their stored versions. */
export function overlaid<D extends FactDoc>(
  stored: D[],
  overlay: Overlay,
  match: (d: FactDoc) => boolean,
): D[] {
  if (overlay.size === 0) return stored;
  const out = stored.filter((d) => !overlay.has(d._id));
  for (const d of overlay.values()) if (match(d)) out.push(d as D);
  return out;
}

export interface InputDeps {
  collections: Pick<Collections, 'facts' | 'customers'>;
  reads: KeyReads;
  cache: WriteThrough;
}

/**
 * Reads what a rebuild of these customers needs. `knownHolders`: CRM rows already read by email for
 * this batch (stored versions), so an email is not asked for twice.
 */
export async function readCustomerInputs(
  ids: string[],
  deps: InputDeps,
  overlay: Overlay = new Map(),
  knownHolders: ReadonlyMap<string, FactDoc[]> = new Map(),
): Promise<CustomerInputs> {
  const { facts, customers } = deps.collections;
  const { reads, cache } = deps;
  // Revisions first, facts second: a rebuild that wins the revision check then saw every fact
  // written before it began (docs/design.md). A remembered revision is only compared, never trusted.
  const previous = new Map<string, PreviousDoc>();
  const unknown: string[] = [];
  for (const id of ids) {
    const known = cache.customers.get(id);
    if (known) previous.set(id, known);
    else unknown.push(id);
  }
  for (const d of await reads.find(customers, {}, '_id', unknown, { projection: PREVIOUS }))
    previous.set(d._id, d as PreviousDoc);

  // One query per customer finds its CRM row (which names itself) and the billing accounts and
  // orders naming it by crm_ref or buyer_code.
  const storedByRef = await reads.find(facts, {}, 'refCustId', ids);
  const crmIds = new Set(ids.map(crmFactId));
  const found = new Set(storedByRef.filter((d) => d.system === 'crm').map((d) => d._id));
  // CRM rows that do not name themselves: deletes, and rows stored before they did.
  const unnamed = [...crmIds].filter((id) => !found.has(id) && !overlay.has(id));
  const crmDocs = overlaid(
    [
      ...(storedByRef.filter((d) => d.system === 'crm') as CrmFactDoc[]),
      ...((await reads.find(facts, {}, '_id', unnamed)) as CrmFactDoc[]),
    ],
    overlay,
    (d) => crmIds.has(d._id),
  );
  const live = crmDocs.filter(isLive);
  const liveIds = new Set(live.map((d) => d.rowKey));
  const emails = new Set(live.map((d) => d.emailNorm).filter((e): e is string => e !== null));
  const toAsk = [...emails].filter((e) => !knownHolders.has(e));
  const [askedHolders, storedByEmail] = await Promise.all([
    reads.find(facts, { system: 'crm' }, 'emailNorm', toAsk),
    reads.find(facts, { system: 'billing' }, 'emailNorm', [...emails]),
  ]);
  const storedHolders = [...askedHolders, ...[...emails].flatMap((e) => knownHolders.get(e) ?? [])];
  const holders = overlaid(
    storedHolders,
    overlay,
    (d) => d.system === 'crm' && d.emailNorm !== null && emails.has(d.emailNorm),
  );
  const byRef = overlaid(
    storedByRef.filter((d) => d.system !== 'crm'),
    overlay,
    (d) => d.system !== 'crm' && d.refCustId !== null && liveIds.has(d.refCustId),
  );
  const billingByEmail = overlaid(
    storedByEmail,
    overlay,
    (d) => d.system === 'billing' && d.emailNorm !== null && emails.has(d.emailNorm),
  );

  const holdersOf = new Map<string, string[]>();
  for (const d of holders.filter(isLive)) {
    const email = d.emailNorm as string;
    const list = holdersOf.get(email);
    if (list) list.push(d.rowKey);
    else holdersOf.set(email, [d.rowKey]);
  }
  // The legacy rules (src/domain/identity.ts): crm_ref or buyer_code name the customer outright (if
  // CRM has it); otherwise the one CRM customer with the same email, and nobody when it is ambiguous.
  const ownerOf = (d: FactDoc): string | null => {
    if (d.refCustId) return liveIds.has(d.refCustId) ? d.refCustId : null;
    const holding = d.emailNorm ? (holdersOf.get(d.emailNorm) ?? []) : [];
    return holding.length === 1 ? (holding[0] as string) : null;
  };
  const candidates = [...byRef, ...billingByEmail.filter((d) => d.refCustId === null)];
  const owned = new Map<string, OwnedRow[]>();
  const ownerOfRow = new Map<string, string>();
  const seen = new Set<string>();
  for (const d of candidates) {
    if (!isLive(d) || d.system === 'crm' || seen.has(d._id)) continue;
    seen.add(d._id);
    const owner = ownerOf(d);
    if (!owner || !liveIds.has(owner)) continue;
    ownerOfRow.set(d._id, owner);
    const list = owned.get(owner);
    if (list) list.push(d as OwnedRow);
    else owned.set(owner, [d as OwnedRow]);
  }
  return { previous, live, owned, gone: ids.filter((id) => !liveIds.has(id)), ownerOfRow };
}
