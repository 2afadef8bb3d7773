/**
 * Rebuilds customer documents from their facts, for a whole batch of customers at once, with a
 * bounded number of commands: the reads of customer-inputs.ts, then the bulk writes of
 * customer-writes.ts. The batch path (batch-apply.ts) plans with the batch's own rows overlaid;
 * `rebuildCustomers` (conflicts, `remap`) reads only what is stored.
 *
 * Any number of writers may rebuild one customer at once: each document carries a revision, read
 * before the facts, and is replaced only if the revision is unchanged. A writer that loses the race
 * reads the facts again, so the last successful write always saw every fact written before it began.
 * Each plan's writes carry a token (`writer`) so a bulk write's overall count can be resolved to the
 * documents that won.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { Collections } from './collections';
import { buildCustomerDoc, type CustomerDoc, type StatusEvent } from './customer-doc';
import { readCustomerInputs, type CustomerInputs, type OwnedRow, type PreviousDoc } from './customer-inputs';
import { planLinks, removeCustomers, unlinkLost, writeDocs, writeLinks } from './customer-writes';
import { asSource, encodeSources } from './fact-docs';
import type { KeyReads } from './key-reads';
import type { Serial } from './serial';
import type { FactReader } from './stored-facts';
import type { WriteThrough } from './write-through';

/** Rebuilds of one customer that lost the revision race, before the batch fails (retriable). */
const MAX_ATTEMPTS = 8;

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

export interface RecomputeResult {
  written: number;
  removed: number;
  /** Rebuilds redone because another writer changed the customer in between. */
  conflicts: number;
  /** Outbox entries to publish. */
  events: OutboxEntry[];
}
export const emptyResult = (): RecomputeResult => ({ written: 0, removed: 0, conflicts: 0, events: [] });

export interface RebuildDeps {
  collections: Collections;
  reads: KeyReads;
  /** What this process wrote last (write-through.ts). */
  cache: WriteThrough;
  reader: FactReader;
  /** Code maps the documents are built with; a document built with others is rebuilt by discovery. */
  codeMapsVersion: number;
  now: () => Date;
  /** Keeps this process's writes to customer documents apart (serial.ts). */
  serial: Serial;
  /** Concurrent commands a large bulk of updates is split into (parallel-updates.ts). */
  writeParts: number;
  /** Status changes kept per customer (domain/status-history.ts). Default 50. */
  historyLimit?: number;
  /** Revisions written now start above this (view-generations.ts): default 0. */
  revFloor?: number;
}

export interface Built {
  doc: CustomerDoc;
  prev: PreviousDoc | null;
  mine: OwnedRow[];
  /** Canonical status of each of its orders, mapped with the current code maps. */
  orderStatus: Map<string, string>;
}

export interface Plan {
  built: Built[];
  at: Date;
  writer: string;
}

/** The new documents of the live customers among the inputs (pure but for the clock and token). */
export function planCustomers(
  inputs: CustomerInputs,
  deps: Pick<RebuildDeps, 'reader' | 'codeMapsVersion' | 'now' | 'historyLimit' | 'revFloor'>,
): Plan {
  const { reader, codeMapsVersion, historyLimit, revFloor } = deps;
  const at = deps.now();
  const writer = randomUUID();
  const built = inputs.live.map((crmDoc): Built => {
    const custId = crmDoc.rowKey;
    const mine = inputs.owned.get(custId) ?? [];
    const accounts = mine.flatMap((d) => (d.system === 'billing' ? [reader.account(d)] : []));
    const orders = mine.flatMap((d) => (d.system === 'oms' ? [reader.order(d)] : []));
    const asOfMs = Math.max(crmDoc.sourceTsMs, ...mine.map((d) => d.sourceTsMs));
    const prev = inputs.previous.get(custId) ?? null;
    const crm = reader.crm(crmDoc);
    const doc = buildCustomerDoc(
      { crm, accounts, orders, asOfMs },
      prev,
      codeMapsVersion,
      at,
      historyLimit,
      revFloor,
    );
    return {
      doc: { ...doc, writer, sources: encodeSources([crmDoc, ...mine].map(asSource)), linksPending: false },
      prev,
      mine,
      orderStatus: new Map(orders.map((o) => [o.orderNo, o.status])),
    };
  });
  return { built, at, writer };
}

/**
 * Writes a plan; returns the customers that lost a race and must be rebuilt again. Rows in `handled`
 * were written with their links already (a batch's own rows). `forceUnlink` names customers whose
 * rows may point at them without their document listing them (a batch that lost a race wrote those
 * links): their stray links are cleared whatever their previous document says.
 */
export async function writeCustomers(
  plan: Plan,
  inputs: CustomerInputs,
  deps: RebuildDeps,
  result: RecomputeResult,
  opts: { handled?: ReadonlySet<string>; forceUnlink?: ReadonlySet<string> } = {},
): Promise<string[]> {
  return deps.serial(() => writePlan(plan, inputs, deps, result, opts));
}

async function writePlan(
  plan: Plan,
  inputs: CustomerInputs,
  deps: RebuildDeps,
  result: RecomputeResult,
  opts: { handled?: ReadonlySet<string>; forceUnlink?: ReadonlySet<string> },
): Promise<string[]> {
  const c = deps.collections;
  await unlinkLost(plan.built, c, opts.forceUnlink ?? new Set());
  const links = planLinks(plan.built, deps.codeMapsVersion, opts.handled ?? new Set());
  for (const b of plan.built) if (links.has(b.doc._id)) b.doc.linksPending = true;
  const { won, conflicted } = await writeDocs(plan.built, plan.writer, deps);
  await writeLinks(links, won, plan.writer, deps);
  for (const b of won) {
    result.written += 1;
    if (b.doc.pendingEvents.length > 0)
      result.events.push({ custId: b.doc._id, rev: b.doc.rev, events: b.doc.pendingEvents });
  }
  const removed = inputs.gone.flatMap((id) => {
    const prev = inputs.previous.get(id);
    return prev ? [prev] : [];
  });
  conflicted.push(...(await removeCustomers(removed, plan.at, deps, result)));
  return conflicted;
}

/** Rebuilds from what is stored until no customer is left in conflict (conflicts and `remap`). */
export async function rebuildCustomers(
  custIds: Iterable<string>,
  deps: RebuildDeps,
  { result = emptyResult(), forceUnlink = new Set<string>() } = {},
): Promise<RecomputeResult> {
  let ids = [...new Set(custIds)];
  for (let attempt = 1; ids.length > 0; attempt += 1) {
    const inputs = await readCustomerInputs(ids, deps);
    const conflicted = await writeCustomers(planCustomers(inputs, deps), inputs, deps, result, {
      forceUnlink,
    });
    result.conflicts += conflicted.length;
    if (conflicted.length > 0 && attempt >= MAX_ATTEMPTS)
      throw new AppError(
        'store-conflict',
        `customers ${conflicted.join(', ')} kept changing under ${MAX_ATTEMPTS} rebuilds`,
        { retriable: true },
      );
    ids = conflicted;
  }
  return result;
}
