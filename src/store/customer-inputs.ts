/**
 * What a batch of customer rebuilds reads. First the customers' documents (their revisions). Then,
 * per customer, one of two ways to its rows:
 * - **from its previous document** (`sources`: the CRM row, accounts and orders it was built from),
 *   with the batch's own rows laid over it. No read at all. Allowed when the batch cannot have changed
 *   which rows belong to the customer except through its own rows: the customer existed and still
 *   does, its email and the set of CRM customers holding that email are unchanged, and its previous
 *   document's links were all written;
 * - **by discovery**: its CRM row and every row naming it (one query by refCustId), the billing
 *   accounts with its email, and the CRM holders of that email, with the batch's rows overlaid.
 * The `in` shape makes discovery a constant number of reads per batch, the `equality` shape one per
 * key (key-reads.ts).
 */
import type { Collections } from './collections';
import type { CustomerDoc } from './customer-doc';
import {
  decodeSources,
  isLive,
  type SourceRow,
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
  | '_id'
  | 'status'
  | 'rev'
  | 'pendingEvents'
  | 'statusHistory'
  | 'accountNos'
  | 'orderNos'
  | 'codeMapsVersion'
  | 'sources'
  | 'linksPending'
>;
const PREVIOUS = {
  status: 1,
  rev: 1,
  pendingEvents: 1,
  statusHistory: 1,
  accountNos: 1,
  orderNos: 1,
  codeMapsVersion: 1,
  sources: 1,
  linksPending: 1,
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
  /** The owner of every overlaid or discovered row that has one, by fact id. */
  ownerOfRow: Map<string, string>;
  /** Customers rebuilt from their previous document (no discovery). */
  fromPrevious: Set<string>;
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

/** A source row of a previous document as the stored row it was (linked to that customer). */
export const asStoredRow = (s: SourceRow, custId: string): FactDoc =>
  ({ ...s, table: TABLES[s.system], linkedCustId: custId, unknownCode: null }) as unknown as FactDoc;
const TABLES = { crm: 'customers', billing: 'accounts', oms: 'orders' } as const;

export interface InputDeps {
  collections: Pick<Collections, 'facts' | 'customers'>;
  reads: KeyReads;
  cache: WriteThrough;
  codeMapsVersion: number;
}

export interface InputOptions {
  overlay?: Overlay;
  /** CRM rows already read by email for this batch (stored versions): not asked for again. */
  knownHolders?: ReadonlyMap<string, FactDoc[]>;
  /**
   * Emails whose set of CRM holders the batch changes (a CRM row gained, lost or changed one): their
   * holders are rebuilt by discovery. Omitted: every customer goes by discovery.
   */
  holdersChanged?: ReadonlySet<string>;
  /** Previous documents this batch read already (null: none): before any of its facts. */
  previousRead?: Map<string, PreviousDoc | null>;
}

/**
 * The previous documents of these customers (absent: none), adding to `into` those it lacks: from
 * what this process remembers, else read. A remembered revision is only compared, never trusted.
 */
export async function readPrevious(
  ids: Iterable<string>,
  deps: Pick<InputDeps, 'collections' | 'reads' | 'cache'>,
  into = new Map<string, PreviousDoc | null>(),
): Promise<Map<string, PreviousDoc | null>> {
  const unknown: string[] = [];
  for (const id of ids) {
    if (into.has(id)) continue;
    const known = deps.cache.customers.get(id);
    if (known) into.set(id, known);
    else unknown.push(id);
  }
  const found = await deps.reads.find(deps.collections.customers, {}, '_id', unknown, {
    projection: PREVIOUS,
  });
  for (const id of unknown) into.set(id, null);
  for (const d of found) into.set(d._id, d as PreviousDoc);
  return into;
}

export async function readCustomerInputs(
  ids: string[],
  deps: InputDeps,
  { overlay = new Map(), knownHolders = new Map(), holdersChanged, previousRead }: InputOptions = {},
): Promise<CustomerInputs> {
  const { facts } = deps.collections;
  const { reads } = deps;
  // Revisions first, facts second: a rebuild that wins the revision check then saw every fact
  // written before it began (docs/design.md).
  const read = await readPrevious(ids, deps, previousRead);
  const previous = new Map<string, PreviousDoc>();
  for (const id of ids) {
    const prev = read.get(id);
    if (prev) previous.set(id, prev);
  }

  const decoded = new Map<string, SourceRow[] | undefined>();
  const sourcesOf = (id: string) => {
    if (!decoded.has(id)) decoded.set(id, decodeSources(previous.get(id)?.sources));
    return decoded.get(id);
  };
  // From the previous document where the batch cannot have changed the customer's set of rows.
  const fromPrevious = new Set<string>();
  const crmDocs: CrmFactDoc[] = [];
  if (holdersChanged) {
    for (const id of ids) {
      const prev = previous.get(id);
      const prevCrm = sourcesOf(id)?.find((s) => s.system === 'crm');
      if (!prev || !prevCrm || prev.linksPending || prev.codeMapsVersion !== deps.codeMapsVersion) continue;
      const crm = (overlay.get(crmFactId(id)) ?? asStoredRow(prevCrm, id)) as CrmFactDoc;
      if (!isLive(crm) || crm.emailNorm !== prevCrm.emailNorm) continue;
      if (crm.emailNorm !== null && holdersChanged.has(crm.emailNorm)) continue;
      fromPrevious.add(id);
      crmDocs.push(crm);
    }
  }

  // Discovery for the others: one query finds a customer's CRM row (which names itself) and the
  // billing accounts and orders naming it by crm_ref or buyer_code.
  const discover = ids.filter((id) => !fromPrevious.has(id));
  const storedByRef = await reads.find(facts, {}, 'refCustId', discover);
  const crmIds = new Set(discover.map(crmFactId));
  const found = new Set(storedByRef.filter((d) => d.system === 'crm').map((d) => d._id));
  // CRM rows that do not name themselves: deletes, and rows stored before they did.
  const unnamed = [...crmIds].filter((id) => !found.has(id) && !overlay.has(id));
  crmDocs.push(
    ...overlaid(
      [
        ...(storedByRef.filter((d) => d.system === 'crm') as CrmFactDoc[]),
        ...((await reads.find(facts, {}, '_id', unnamed)) as CrmFactDoc[]),
      ],
      overlay,
      (d) => crmIds.has(d._id),
    ),
  );
  const live = crmDocs.filter(isLive);
  const liveIds = new Set(live.map((d) => d.rowKey));
  const emails = new Set(
    live
      .filter((d) => !fromPrevious.has(d.rowKey))
      .map((d) => d.emailNorm)
      .filter((e): e is string => e !== null),
  );
  const toAsk = [...emails].filter((e) => !knownHolders.has(e));
  const [askedHolders, storedByEmail] = await Promise.all([
    reads.find(facts, { system: 'crm' }, 'emailNorm', toAsk),
    reads.find(facts, { system: 'billing' }, 'emailNorm', [...emails]),
  ]);
  const holderEmails = new Set([...emails, ...knownHolders.keys()]);
  const holders = overlaid(
    [...askedHolders, ...[...knownHolders.values()].flat()],
    overlay,
    (d) => d.system === 'crm' && d.emailNorm !== null && holderEmails.has(d.emailNorm),
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

  const owned = new Map<string, OwnedRow[]>();
  const ownerOfRow = new Map<string, string>();
  const own = (custId: string, d: FactDoc) => {
    const list = owned.get(custId);
    if (list) list.push(d as OwnedRow);
    else owned.set(custId, [d as OwnedRow]);
  };
  // The batch's own rows, wherever they now belong.
  for (const d of overlay.values()) {
    if (!isLive(d) || d.system === 'crm') continue;
    const owner = ownerOf(d);
    if (!owner) continue;
    ownerOfRow.set(d._id, owner);
    if (fromPrevious.has(owner)) own(owner, d);
  }
  // The rows a previous document had and the batch did not touch stay where they were.
  for (const id of fromPrevious)
    for (const s of sourcesOf(id) ?? [])
      if (s.system !== 'crm' && !overlay.has(s._id)) own(id, asStoredRow(s, id));
  // Discovered rows (the batch's included) go to the discovered customers that own them.
  const seen = new Set<string>();
  const byRef = overlaid(
    storedByRef,
    overlay,
    (d) => d.refCustId !== null && crmIds.has(crmFactId(d.refCustId)),
  );
  const byEmail = overlaid(
    storedByEmail,
    overlay,
    (d) => d.system === 'billing' && d.emailNorm !== null && emails.has(d.emailNorm),
  );
  for (const d of [...byRef, ...byEmail.filter((x) => x.refCustId === null)]) {
    if (!isLive(d) || d.system === 'crm' || seen.has(d._id)) continue;
    seen.add(d._id);
    const owner = ownerOf(d);
    if (!owner || fromPrevious.has(owner) || !liveIds.has(owner)) continue;
    ownerOfRow.set(d._id, owner);
    own(owner, d);
  }
  return {
    previous,
    live,
    owned,
    gone: ids.filter((id) => !liveIds.has(id)),
    ownerOfRow,
    fromPrevious,
  };
}
