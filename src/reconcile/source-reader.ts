/**
 * Reads the legacy tables for reconciliation: read-only sessions, keyset pages by primary key (no
 * OFFSET, so a page costs the same at row 10 as at row 10 million and a long read holds no locks), a
 * deadline on connecting and on every statement. Table and column names are the legacy systems'
 * own (../shared/legacy): nothing here writes to them.
 */
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { AppError } from '../shared/errors';
import type { AccountRow, CrmRow, OrderRow, SourceRows } from './expected-view';

export interface SourceUrls {
  crm: string;
  billing: string;
  oms: string;
}

export interface ReadOptions {
  pageSize?: number;
  /** Deadline of connecting and of each statement, in ms. */
  timeoutMs?: number;
  /** Called after each page with the table and the rows read so far of it, out of `total`. */
  progress?: (table: string, read: number, total: number) => void;
}

export async function readSources(urls: SourceUrls, options: ReadOptions = {}): Promise<SourceRows> {
  const [customers, accounts, orders] = await Promise.all([
    readCrm(urls.crm, options),
    readPg<AccountRow>(urls.billing, 'accounts', options, {
      columns: 'account_no, crm_ref, contact_email, acct_state, balance::text AS balance',
      key: 'account_no',
    }),
    readPg<OrderRow & { id: string }>(urls.oms, 'orders', options, {
      columns: 'id, order_no, buyer_code, state, total_fen::text AS total_fen, placed_at',
      key: 'id',
    }),
  ]);
  return { customers, accounts, orders };
}

async function readCrm(url: string, { pageSize = 5000, timeoutMs = 30_000, progress }: ReadOptions) {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs }).catch((e: unknown) => {
    throw unavailable('CRM MariaDB', e);
  });
  try {
    await conn.query('SET SESSION TRANSACTION READ ONLY');
    const [[count]] = (await conn.query({
      sql: 'SELECT count(*) AS n FROM customers',
      timeout: timeoutMs,
    })) as [{ n: number }[], unknown];
    const total = Number(count?.n ?? 0);
    const rows: CrmRow[] = [];
    let after = -1;
    for (;;) {
      const [page] = (await conn.query({
        sql:
          'SELECT cust_id, cust_name, email, cust_status, vip_level FROM customers ' +
          'WHERE cust_id > ? ORDER BY cust_id LIMIT ?',
        values: [after, pageSize],
        timeout: timeoutMs,
      })) as [Array<Omit<CrmRow, 'cust_id'> & { cust_id: number }>, unknown];
      for (const r of page) rows.push({ ...r, cust_id: String(r.cust_id), vip_level: Number(r.vip_level) });
      progress?.(`${new URL(url).pathname.slice(1)}.customers`, rows.length, total);
      if (page.length < pageSize) return rows;
      after = (page[page.length - 1] as { cust_id: number }).cust_id;
    }
  } catch (e) {
    throw e instanceof AppError ? e : unavailable('CRM MariaDB', e);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

async function readPg<R extends object>(
  url: string,
  table: string,
  { pageSize = 5000, timeoutMs = 30_000, progress }: ReadOptions,
  { columns, key }: { columns: string; key: string },
): Promise<R[]> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    options: '-c default_transaction_read_only=on',
  });
  const name = `${new URL(url).pathname.slice(1)}.${table}`;
  try {
    await client.connect();
    const total = Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n,
    );
    const rows: R[] = [];
    let after: string | null = null;
    for (;;) {
      const page: R[] = (
        await client.query<R>(
          `SELECT ${columns} FROM ${table} WHERE $1::text IS NULL OR ${key} > $1::${key === 'id' ? 'bigint' : 'text'} ` +
            `ORDER BY ${key} LIMIT $2`,
          [after, pageSize],
        )
      ).rows;
      rows.push(...page);
      progress?.(name, rows.length, total);
      if (page.length < pageSize) return rows;
      after = String((page[page.length - 1] as Record<string, unknown>)[key]);
    }
  } catch (e) {
    throw unavailable(name, e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function unavailable(what: string, e: unknown): AppError {
  return new AppError('source-unavailable', `${what}: ${(e as Error).message ?? String(e)}`, {
    retriable: true,
    cause: e,
  });
}
