/**
 * Reconciliation: the legacy sources (read now, read-only) against the view, drift by kind. The view
 * is read whole, one pass, compared fields only; the sources in keyset pages. Both are held in memory
 * (about 200 bytes a customer: a few hundred MB at a million customers), because identity needs every
 * CRM email before any account can be placed.
 */
import type { Db } from 'mongodb';
import type { CodeMaps } from '../domain/code-maps';
import { normalizeEmail } from '../domain/identity';
import { compareView, type DriftReport, type ViewCustomer } from './compare-view';
import { expectedView } from './expected-view';
import { readSources, type ReadOptions, type SourceUrls } from './source-reader';

export interface ReconcileDeps {
  db: Db;
  sources: SourceUrls;
  codeMaps: CodeMaps;
}

export interface ReconcileResult extends DriftReport {
  seconds: number;
  /** The CRM emails (normalised) of the drifted customers: their accounts may link by email. */
  driftedEmails: string[];
}

export async function reconcile(
  { db, sources, codeMaps }: ReconcileDeps,
  options: ReadOptions & { samples?: number } = {},
): Promise<ReconcileResult> {
  const started = Date.now();
  const [rows, view] = await Promise.all([readSources(sources, options), readView(db)]);
  const report = compareView(expectedView(rows, codeMaps), view, { samples: options.samples ?? 5 });
  const drifted = new Set(report.drifted);
  const driftedEmails = rows.customers.flatMap((c) => {
    const email = drifted.has(c.cust_id) ? normalizeEmail(c.email) : null;
    return email ? [email] : [];
  });
  return { ...report, driftedEmails, seconds: (Date.now() - started) / 1000 };
}

async function readView(db: Db): Promise<ViewCustomer[]> {
  const docs = await db
    .collection<{ _id: string; status?: { value?: string } } & Omit<ViewCustomer, '_id' | 'status'>>(
      'customers',
    )
    .find(
      {},
      {
        projection: {
          name: 1,
          vipLevel: 1,
          status: 1,
          accountNos: 1,
          orderNos: 1,
          openOrders: 1,
          lifetimeSpendFen: 1,
        },
        batchSize: 10_000,
      },
    )
    .toArray();
  return docs.map((d) => ({ ...d, status: d.status?.value ?? '' }));
}
