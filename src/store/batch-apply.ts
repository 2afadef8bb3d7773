/**
 * One batch of changes into the view, reads first and writes last:
 * 1. fold the batch per row and classify each row against what is stored (fact-writes.ts);
 * 2. find whom the rows affect, and read those customers' inputs with the batch's rows overlaid on
 *    what is stored, so every row's owner and every new document is known before anything is written;
 * 3. write the rows with their links, the orders with their customers, then the customer documents
 *    (revision-checked), links of rows outside the batch, and removals.
 * Each row is written once, in one statement that also carries its link, and each customer once.
 *
 * Crash safety follows from the order: rows, then orders, then documents. A crash in between leaves
 * the rows stored at the batch's positions; the redelivered batch finds them so (redeliveries), plans
 * the same documents and writes what is missing.
 *
 * If another writer wins a race on one of the batch's rows (inserted it first, or stored a newer
 * version), the plan saw that row wrongly: it is dropped, and the batch's customers are rebuilt from
 * what is stored instead, clearing any link the batch gave them that they do not own.
 */
import type { FactChange } from '../domain/fact-change';
import { affectedBy } from './affected';
import { asStoredRow, readCustomerInputs, readPrevious } from './customer-inputs';
import {
  emptyResult,
  planCustomers,
  rebuildCustomers,
  writeCustomers,
  type RebuildDeps,
  type RecomputeResult,
} from './customer-rebuild';
import { decodeSources, identityFields, isLive, type FactDoc } from './fact-docs';
import { classifyRows, writeRows, type RowWrite } from './fact-writes';
import { writeOrders } from './order-writes';

export interface BatchResult {
  /** Changes stored by this batch. */
  applied: FactChange[];
  /** Not stored: folded away by a newer change, already stored (redelivery), or older than what is. */
  stale: FactChange[];
  rebuilt: RecomputeResult;
}

export async function applyBatch(batch: readonly FactChange[], deps: RebuildDeps): Promise<BatchResult> {
  const first = await attempt(batch, deps, true);
  // A guess about a row was wrong (or another writer got there first): do the batch again reading
  // every row. Rows the first attempt wrote are found stored at their positions (redeliveries), and
  // nothing of its customers was written yet, so this is a redelivery of the batch.
  return first ?? ((await attempt(batch, deps, false)) as BatchResult);
}

/**
 * One attempt at a batch. Optimistic: stored rows are taken from what this process remembers, from
 * the customer documents that hold them, or, for rows the source reports as new, taken as absent;
 * returns null if a write shows a guess was wrong. Careful: rows are read.
 */
async function attempt(
  batch: readonly FactChange[],
  deps: RebuildDeps,
  optimistic: boolean,
): Promise<BatchResult | null> {
  const now = deps.now();
  // Revisions first: the documents of the customers the rows name, whose sources hold the rows too.
  const previousRead = await readPrevious(optimistic ? namedCustomers(batch) : [], deps);
  const known = new Map<string, FactDoc>();
  for (const [custId, prev] of previousRead)
    for (const s of decodeSources(prev?.sources) ?? []) known.set(s._id, asStoredRow(s, custId));
  const { rows, stale } = await classifyRows(
    batch,
    deps,
    now,
    optimistic ? { known: (id) => known.get(id) } : undefined,
  );
  const overlay = new Map(rows.map((r) => [r.id, r.after] as const));
  const before = new Map<string, FactDoc>();
  for (const r of rows) if (r.before) before.set(r.id, r.before);

  // Whom the rows pointed at before and point at now, and the CRM holders of their emails (either way).
  const { custIds, emails } = affectedBy(
    rows.map((r) => r.change),
    before,
  );
  const stored = await deps.reads.find(deps.collections.facts, { system: 'crm' }, 'emailNorm', [...emails]);
  const knownHolders = new Map<string, FactDoc[]>([...emails].map((e) => [e, []]));
  for (const d of stored) {
    knownHolders.get(d.emailNorm as string)?.push(d);
    if (isLive(d)) custIds.add(d.rowKey);
  }
  for (const d of overlay.values())
    if (d.system === 'crm' && d.emailNorm !== null && emails.has(d.emailNorm) && isLive(d))
      custIds.add(d.rowKey);

  const ids = [...custIds];
  const inputs = await readCustomerInputs(ids, deps, {
    overlay,
    knownHolders,
    holdersChanged: holdersChangedBy(rows),
    previousRead,
  });
  const plan = planCustomers(inputs, deps);
  for (const r of rows)
    if (r.change.system !== 'crm') r.after.linkedCustId = inputs.ownerOfRow.get(r.id) ?? null;

  const lost = await writeRows(rows, deps, now);
  if (lost.length > 0 && optimistic) return null;
  const lostIds = new Set(lost.map((r) => r.id));
  const written = rows.filter((r) => !lostIds.has(r.id));
  await writeOrders(written, deps);
  const result = emptyResult();
  if (lost.length > 0) {
    // Even read just now, a row was changed by another writer before this batch's write: rebuild
    // from what is stored instead, and clear links this batch gave to customers that turn out not
    // to own those rows.
    const linked = new Set(written.flatMap((r) => (r.after.linkedCustId ? [r.after.linkedCustId] : [])));
    await rebuildCustomers(ids, deps, { result, forceUnlink: linked });
    const again = await applyBatch(
      lost.filter((r) => r.kind === 'insert').map((r) => r.change),
      deps,
    );
    mergeInto(result, again.rebuilt);
    return {
      applied: [...written.filter((r) => r.kind !== 'redelivered').map((r) => r.change), ...again.applied],
      stale: [
        ...stale,
        ...written.filter((r) => r.kind === 'redelivered').map((r) => r.change),
        ...lost.filter((r) => r.kind !== 'insert').map((r) => r.change),
        ...again.stale,
      ],
      rebuilt: result,
    };
  }
  const handled = new Set(written.map((r) => r.id));
  const conflicted = await writeCustomers(plan, inputs, deps, result, { handled });
  if (conflicted.length > 0) {
    result.conflicts += conflicted.length;
    await rebuildCustomers(conflicted, deps, { result, forceUnlink: new Set(conflicted) });
  }
  return {
    applied: rows.filter((r) => r.kind !== 'redelivered').map((r) => r.change),
    stale: [...stale, ...rows.filter((r) => r.kind === 'redelivered').map((r) => r.change)],
    rebuilt: result,
  };
}

/** The customers a batch's rows name: CRM rows themselves, accounts by crm_ref, orders by buyer code. */
function namedCustomers(batch: readonly FactChange[]): Set<string> {
  const named = new Set<string>();
  for (const c of batch) {
    const ref = identityFields(c).refCustId;
    if (ref) named.add(ref);
  }
  return named;
}

/** Emails whose set of live CRM holders this batch changes: a CRM row gained, lost or changed one. */
function holdersChangedBy(rows: readonly RowWrite[]): Set<string> {
  const changed = new Set<string>();
  for (const r of rows) {
    if (r.change.system !== 'crm') continue;
    const was = r.before && isLive(r.before) ? r.before.emailNorm : null;
    const is = isLive(r.after) ? r.after.emailNorm : null;
    if (was === is) continue;
    if (was) changed.add(was);
    if (is) changed.add(is);
  }
  return changed;
}

function mergeInto(into: RecomputeResult, from: RecomputeResult): void {
  into.written += from.written;
  into.removed += from.removed;
  into.conflicts += from.conflicts;
  into.events.push(...from.events);
}
