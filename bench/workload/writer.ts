/**
 * Writes the generated workload into private copies of the three legacy databases: pooled
 * connections, multi-row INSERTs in transactions for the initial load, per-system queues for churn,
 * single autocommit statements for the steady load (so the time a statement returns is the time
 * its COMMIT returned).
 */
import mysql, { type ResultSetHeader } from 'mysql2/promise';
import { Pool } from 'pg';
import { legacyUrl, type LegacyEndpoints, type LegacySystem } from '../../harness/legacy/legacy-db';
import {
  insertAccounts,
  insertCustomers,
  insertOrders,
  nextChange,
  initialRows,
  type Statement,
} from './changes';
import type { WorkloadModel } from './model';
import type { Rng } from './random';

export interface ChangeCounts {
  /** Source row changes (inserts, updates, deletes), each one Debezium change event. */
  changes: number;
  /** Rows deleted (each also yields a tombstone). */
  deletes: number;
  /** Row changes per system. */
  bySystem: Record<LegacySystem, number>;
  deletesBySystem: Record<LegacySystem, number>;
}

/** Adds `c` into `into` (totals over the phases of a run). */
export function addCounts(into: ChangeCounts, c: ChangeCounts): void {
  into.changes += c.changes;
  into.deletes += c.deletes;
  for (const s of ['crm', 'billing', 'oms'] as const) {
    into.bySystem[s] += c.bySystem[s];
    into.deletesBySystem[s] += c.deletesBySystem[s];
  }
}

export function emptyCounts(): ChangeCounts {
  return {
    changes: 0,
    deletes: 0,
    bySystem: { crm: 0, billing: 0, oms: 0 },
    deletesBySystem: { crm: 0, billing: 0, oms: 0 },
  };
}

export function count(counts: ChangeCounts, s: Statement): void {
  counts.changes += s.rows;
  counts.deletes += s.deletes;
  counts.bySystem[s.system] += s.rows;
  counts.deletesBySystem[s.system] += s.deletes;
}

/** Messages Debezium puts on a system's topic for these changes: one per change, plus a tombstone per delete. */
export function expectedMessages(counts: ChangeCounts, system: LegacySystem): number {
  return counts.bySystem[system] + counts.deletesBySystem[system];
}

const ROWS_PER_INSERT = 1000;
const INSERTS_PER_TRANSACTION = 5;
const STATEMENTS_PER_CHURN_TRANSACTION = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createSourceWriter(
  endpoints: LegacyEndpoints,
  dbs: Record<LegacySystem, string>,
  { connections = 4 }: { connections?: number } = {},
) {
  const crm = mysql.createPool({
    uri: legacyUrl(endpoints, 'crm', dbs.crm),
    connectionLimit: connections,
    connectTimeout: 10_000,
  });
  const pg = {
    billing: new Pool({
      connectionString: legacyUrl(endpoints, 'billing', dbs.billing),
      max: connections,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 60_000,
    }),
    oms: new Pool({
      connectionString: legacyUrl(endpoints, 'oms', dbs.oms),
      max: connections,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 60_000,
    }),
  };
  // An idle connection dropped by a database restart (npm run chaos) is replaced on the next
  // statement; unhandled, the pool's 'error' event would end the process.
  for (const pool of [pg.billing, pg.oms]) pool.on('error', () => undefined);
  crm.pool.on('error', () => undefined);

  /**
   * Runs statements of one system in one transaction (one statement: autocommit) and returns each
   * with the rows it really changed: under concurrent steady load an update can race an insert or a
   * delete on another connection and change nothing, and Debezium then emits nothing for it.
   */
  async function transaction(system: LegacySystem, statements: Statement[]): Promise<Statement[]> {
    if (statements.length === 0) return [];
    const done: Statement[] = [];
    const changed = (s: Statement, rows: number): void => {
      done.push({ ...s, rows, deletes: s.deletes > 0 ? rows : 0 });
    };
    if (system === 'crm') {
      const conn = await crm.getConnection();
      const ignoreCrm = () => undefined; // as for PostgreSQL below: the statement fails, not the process
      conn.on('error', ignoreCrm);
      const run = async (s: Statement) => {
        const [r] = await conn.query<ResultSetHeader>({ sql: s.text, values: s.params, timeout: 60_000 });
        // An UPDATE that matched a row but changed no value writes no binlog row event.
        changed(s, s.text.startsWith('UPDATE') ? r.changedRows : r.affectedRows);
      };
      try {
        if (statements.length === 1) {
          await run(statements[0] as Statement);
          return done;
        }
        await conn.beginTransaction();
        for (const s of statements) await run(s);
        await conn.commit();
        return done;
      } catch (e) {
        await conn.rollback().catch(() => undefined);
        throw e;
      } finally {
        conn.off('error', ignoreCrm);
        conn.release();
      }
    }
    const client = await pg[system].connect();
    // While checked out, a client's 'error' is ours to handle (the pool listens to idle ones only): a
    // database restart under npm run chaos fails the statement, not the process.
    const ignore = () => undefined;
    client.on('error', ignore);
    let failed: Error | undefined;
    const run = async (s: Statement) => changed(s, (await client.query(s.text, s.params)).rowCount ?? 0);
    try {
      if (statements.length === 1) {
        await run(statements[0] as Statement);
        return done;
      }
      await client.query('BEGIN');
      for (const s of statements) await run(s);
      await client.query('COMMIT');
      return done;
    } catch (e) {
      failed = e as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.off('error', ignore);
      client.release(failed); // a failed connection is not given back to the pool
    }
  }

  /** Runs each system's statements in order, in transactions of `perTransaction`, the systems in parallel. */
  async function runQueues(statements: Statement[], perTransaction: number): Promise<ChangeCounts> {
    const bySystem: Record<LegacySystem, Statement[]> = { crm: [], billing: [], oms: [] };
    for (const s of statements) bySystem[s.system].push(s);
    const counts = emptyCounts();
    await Promise.all(
      (Object.keys(bySystem) as LegacySystem[]).map(async (system) => {
        for (const tx of chunks(bySystem[system], perTransaction))
          for (const s of await transaction(system, tx)) count(counts, s);
      }),
    );
    return counts;
  }

  return {
    /** `customers` customers with accounts and orders, in multi-row INSERTs. */
    async load(model: WorkloadModel, customers: number, rng: Rng): Promise<ChangeCounts> {
      const rows = initialRows(model, customers, rng);
      const statements = [
        ...chunks(rows.customers, ROWS_PER_INSERT).map(insertCustomers),
        ...chunks(rows.accounts, ROWS_PER_INSERT).map(insertAccounts),
        ...chunks(rows.orders, ROWS_PER_INSERT).map(insertOrders),
      ];
      return runQueues(statements, INSERTS_PER_TRANSACTION);
    },

    /** `changes` drawn changes (updates, deletes, new rows), in transactions per system. */
    async churn(model: WorkloadModel, changes: number, rng: Rng): Promise<ChangeCounts> {
      const statements: Statement[] = [];
      for (let i = 0; i < changes; i++) statements.push(...nextChange(model, rng));
      return runQueues(statements, STATEMENTS_PER_CHURN_TRANSACTION);
    },

    /** One autocommit statement; resolves once its COMMIT returned, with the rows it changed. */
    async exec(s: Statement): Promise<Statement> {
      return (await transaction(s.system, [s]))[0] as Statement;
    },

    async close(): Promise<void> {
      await Promise.all([crm.end(), pg.billing.end(), pg.oms.end()]);
    },
  };
}
export type SourceWriter = ReturnType<typeof createSourceWriter>;
