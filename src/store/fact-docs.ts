/**
 * How facts are kept in MongoDB: one document per source row, `_id` = system:table:key, holding the
 * latest fact, its source position (`pos`, a string that sorts like the source's commit order) and
 * the fields identity needs indexed. A deleted row keeps its document with `fact: null`: the guard
 * that stops a late, older update from bringing it back.
 */
import { Binary, BSON } from 'mongodb';
import type { FactChange } from '../domain/fact-change';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import { custIdFromBuyerCode, normalizeEmail } from '../domain/identity';

export const FACTS = 'facts';

/** A fact as stored: bigint as decimal text (no 64-bit-safe number every driver round-trips). */
export type Stored<F> = { [K in keyof F]: F[K] extends bigint ? string : F[K] };

interface FactDocBase {
  _id: string;
  rowKey: string;
  pos: string;
  sourceTsMs: number;
  /** crm: its normalised email; billing: normalised contact email (identity lookups). */
  emailNorm: string | null;
  /** billing: crm_ref; oms: the cust_id named by buyer_code; crm: its own cust_id. */
  refCustId: string | null;
  /** The customer this row is attached to after the last rebuild of that customer; null = unlinked. */
  linkedCustId: string | null;
  unknownCode: { column: string; value: string } | null;
  updatedAt: Date;
}

export type CrmFactDoc = FactDocBase & {
  system: 'crm';
  table: 'customers';
  fact: Stored<CrmCustomerFact> | null;
};
export type AccountFactDoc = FactDocBase & {
  system: 'billing';
  table: 'accounts';
  fact: Stored<BillingAccountFact> | null;
};
export type OrderFactDoc = FactDocBase & { system: 'oms'; table: 'orders'; fact: Stored<OrderFact> | null };
export type FactDoc = CrmFactDoc | AccountFactDoc | OrderFactDoc;

/**
 * A row as a customer document keeps it among its `sources`: enough to rebuild the customer from the
 * document alone when a batch changes none of its links (customer-inputs.ts).
 */
export type SourceRow = Pick<
  LiveFactDoc,
  '_id' | 'system' | 'rowKey' | 'pos' | 'sourceTsMs' | 'refCustId' | 'emailNorm' | 'fact'
>;
export const asSource = ({ _id, system, rowKey, pos, sourceTsMs, refCustId, emailNorm, fact }: LiveFactDoc) =>
  ({ _id, system, rowKey, pos, sourceTsMs, refCustId, emailNorm, fact }) as SourceRow;

/**
 * Sources travel as one BSON binary value, not as nested documents: the store never queries them,
 * and FerretDB's cost of reading or rewriting a document grows with its number of fields (measured:
 * a customer document with its sources nested costs 50-75% more per update than without them; as one
 * binary value, about the same). MongoDB does not mind either way.
 */
export function encodeSources(rows: readonly SourceRow[]): Binary {
  return new Binary(BSON.serialize({ rows }));
}
export function decodeSources(value: Binary | undefined): SourceRow[] | undefined {
  if (!value) return undefined;
  return (BSON.deserialize(value.buffer) as { rows: SourceRow[] }).rows;
}

/** The document of a row that has a fact (not a delete guard). */
export type LiveFactDoc<D extends FactDoc = FactDoc> = D & { fact: NonNullable<D['fact']> };
export const isLive = <D extends FactDoc>(d: D): d is LiveFactDoc<D> => d.fact !== null;

/** The identity fields of a change, for the indexes behind attach and detach. */
export function identityFields(change: FactChange): Pick<FactDoc, 'emailNorm' | 'refCustId'> {
  if (!change.fact) return { emailNorm: null, refCustId: null };
  switch (change.system) {
    case 'crm':
      // A CRM row names itself, so one query by refCustId finds a customer and every row naming it.
      return { emailNorm: normalizeEmail(change.fact.email), refCustId: change.fact.custId };
    case 'billing':
      return {
        emailNorm: normalizeEmail(change.fact.contactEmail),
        refCustId: change.fact.crmRef?.trim() || null,
      };
    case 'oms':
      return { emailNorm: null, refCustId: custIdFromBuyerCode(change.fact.buyerCode) };
  }
}

const storedFact = (fact: NonNullable<FactChange['fact']>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fact).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));

function baseFields(change: FactChange, now: Date) {
  return {
    system: change.system,
    table: change.table,
    rowKey: change.rowKey,
    pos: change.position.key,
    sourceTsMs: change.sourceTsMs,
    unknownCode: change.unknownCode ?? null,
    updatedAt: now,
    ...identityFields(change),
  };
}

/**
 * The `$set` of a change to a stored row. Columns Debezium marked unavailable are left out, field by
 * field, so the stored values stay.
 */
export function factUpdate(change: FactChange, now: Date): Record<string, unknown> {
  const set: Record<string, unknown> = baseFields(change, now);
  if (!change.fact) return { ...set, fact: null };
  const fact = storedFact(change.fact);
  if (change.unavailable.length === 0) return { ...set, fact };
  const unavailable = new Set(change.unavailable);
  for (const [k, v] of Object.entries(fact)) if (!unavailable.has(k)) set[`fact.${k}`] = v;
  return set;
}

/** The whole document of a row seen for the first time (nothing stored to keep). */
export function newFactDoc(id: string, change: FactChange, now: Date): FactDoc {
  return {
    _id: id,
    linkedCustId: null,
    ...baseFields(change, now),
    fact: change.fact ? storedFact(change.fact) : null,
  } as FactDoc;
}

/** The document a change leaves stored (what `factUpdate` or `newFactDoc` writes), computed in memory. */
export function storedAfter(id: string, before: FactDoc | undefined, change: FactChange, now: Date): FactDoc {
  if (!before) return newFactDoc(id, change, now);
  const set = factUpdate(change, now);
  const fact: Record<string, unknown> | null =
    'fact' in set ? (set.fact as Record<string, unknown> | null) : { ...(before.fact ?? {}) };
  const doc: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(set)) {
    if (k.startsWith('fact.')) (fact as Record<string, unknown>)[k.slice(5)] = v;
    else if (k !== 'fact') doc[k] = v;
  }
  return { ...doc, fact } as FactDoc;
}
