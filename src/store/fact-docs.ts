/**
 * How facts are kept in MongoDB: one document per source row, `_id` = system:table:key, holding the
 * latest fact, its source position (`pos`, a string that sorts like the source's commit order) and
 * the fields identity needs indexed. A deleted row keeps its document with `fact: null`: the guard
 * that stops a late, older update from bringing it back.
 */
import { normalizeEmail, custIdFromBuyerCode } from '../domain/identity';
import type { FactChange } from '../processors/tables/fact-change';

export const FACTS = 'facts';

export interface FactDoc {
  _id: string;
  system: FactChange['system'];
  table: FactChange['table'];
  rowKey: string;
  pos: string;
  sourceTsMs: number;
  fact: Record<string, unknown> | null;
  /** crm: its normalised email; billing: normalised contact email (identity lookups). */
  emailNorm: string | null;
  /** billing: crm_ref; oms: the cust_id named by buyer_code. */
  refCustId: string | null;
  /** The customer this row is attached to after the last recompute; null = unlinked. */
  linkedCustId: string | null;
  unknownCode: { column: string; value: string } | null;
  updatedAt: Date;
}

export const factId = (c: Pick<FactChange, 'system' | 'table' | 'rowKey'>) =>
  `${c.system}:${c.table}:${c.rowKey}`;

/** The identity fields of a change, for the indexes behind attach and detach. */
export function identityFields(change: FactChange): Pick<FactDoc, 'emailNorm' | 'refCustId'> {
  if (!change.fact) return { emailNorm: null, refCustId: null };
  switch (change.system) {
    case 'crm':
      return { emailNorm: normalizeEmail(change.fact.email), refCustId: null };
    case 'billing':
      return {
        emailNorm: normalizeEmail(change.fact.contactEmail),
        refCustId: change.fact.crmRef?.trim() || null,
      };
    case 'oms':
      return { emailNorm: null, refCustId: custIdFromBuyerCode(change.fact.buyerCode) };
  }
}

/**
 * The `$set` of a change. Columns Debezium marked unavailable are left out, so the stored value
 * stays; bigint is stored as a decimal string because FerretDB and JSON have no 64-bit-safe number
 * that every driver round-trips.
 */
export function factUpdate(change: FactChange, now: Date): Record<string, unknown> {
  const set: Record<string, unknown> = {
    system: change.system,
    table: change.table,
    rowKey: change.rowKey,
    pos: change.position.key,
    sourceTsMs: change.sourceTsMs,
    unknownCode: change.unknownCode ?? null,
    updatedAt: now,
    ...identityFields(change),
  };
  if (!change.fact) return { ...set, fact: null };
  const fact = Object.fromEntries(
    Object.entries(change.fact).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  );
  if (change.unavailable.length === 0) return { ...set, fact };
  // Field by field, so the unavailable ones keep their stored values.
  const unavailable = new Set(change.unavailable);
  for (const [k, v] of Object.entries(fact)) if (!unavailable.has(k)) set[`fact.${k}`] = v;
  return set;
}
