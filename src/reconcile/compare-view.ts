/**
 * Drift between the view and what the legacy rows say now, by kind, with a few samples of each. Pure.
 * - missing: CRM has the customer, the view does not;
 * - extra: the view has a customer CRM does not;
 * - wrong-status: the status differs;
 * - wrong-links: the accounts or orders attached differ;
 * - stale: another compared field differs (name, VIP level, open orders, lifetime spend): the view
 *   is behind a change of the source.
 * A customer may show several kinds; each is counted once per customer.
 */
import type { ExpectedCustomer } from './expected-view';

export const DRIFT_KINDS = ['missing', 'extra', 'wrong-status', 'wrong-links', 'stale'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** A customer document as reconciliation reads it (the compared fields only). */
export type ViewCustomer = ExpectedCustomer & { _id: string };

export interface DriftSample {
  custId: string;
  /** Field: [what the view has, what the sources say]. */
  fields: Record<string, [unknown, unknown]>;
}

export interface DriftReport {
  sourceCustomers: number;
  viewCustomers: number;
  counts: Record<DriftKind, number>;
  samples: Record<DriftKind, DriftSample[]>;
  /** Every drifted customer id, for targeted repair. */
  drifted: string[];
}

const STALE_FIELDS = ['name', 'vipLevel', 'openOrders', 'lifetimeSpendFen'] as const;

export function compareView(
  expected: ReadonlyMap<string, ExpectedCustomer>,
  view: Iterable<ViewCustomer>,
  { samples = 5 }: { samples?: number } = {},
): DriftReport {
  const counts = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  const out = Object.fromEntries(DRIFT_KINDS.map((k) => [k, []])) as unknown as Record<
    DriftKind,
    DriftSample[]
  >;
  const drifted = new Set<string>();
  const note = (kind: DriftKind, custId: string, fields: DriftSample['fields']) => {
    counts[kind] += 1;
    drifted.add(custId);
    if (out[kind].length < samples) out[kind].push({ custId, fields });
  };

  const seen = new Set<string>();
  let viewCustomers = 0;
  for (const v of view) {
    viewCustomers += 1;
    seen.add(v._id);
    const e = expected.get(v._id);
    if (!e) {
      note('extra', v._id, { status: [v.status, null] });
      continue;
    }
    if (v.status !== e.status) note('wrong-status', v._id, { status: [v.status, e.status] });
    const links: DriftSample['fields'] = {};
    if (!sameList(v.accountNos, e.accountNos)) links.accountNos = [v.accountNos, e.accountNos];
    if (!sameList(v.orderNos, e.orderNos)) links.orderNos = [v.orderNos, e.orderNos];
    if (Object.keys(links).length > 0) note('wrong-links', v._id, links);
    const stale: DriftSample['fields'] = {};
    for (const f of STALE_FIELDS) if (v[f] !== e[f]) stale[f] = [v[f], e[f]];
    if (Object.keys(stale).length > 0) note('stale', v._id, stale);
  }
  for (const [custId, e] of expected)
    if (!seen.has(custId)) note('missing', custId, { status: [null, e.status] });

  return {
    sourceCustomers: expected.size,
    viewCustomers,
    counts,
    samples: out,
    drifted: [...drifted].sort(),
  };
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const x = [...(a ?? [])].sort();
  return x.length === b.length && x.every((v, i) => v === b[i]);
}
