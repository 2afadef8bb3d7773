import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { runChecked } from '../process-control';
import type { ServiceDef, StackContext } from '../service';
import { systemUser } from '../tools';
import { DEMO } from './demo-credentials';
import { installFerretDbGin } from './ferretdb-gin';

/** The legacy PostgreSQL databases, each with the one table Debezium captures. */
export const PG_LEGACY = [
  { db: 'billing', table: 'accounts', ddl: 'demo/legacy/billing.postgres.sql' },
  { db: 'oms', table: 'orders', ddl: 'demo/legacy/oms.postgres.sql' },
] as const;

/** Apicurio Registry keeps schemas here, so ids stay stable across restarts. */
export const REGISTRY_DB = 'registry';
/** FerretDB keeps the MongoDB databases of the view here (one PostgreSQL schema per database). */
export const FERRETDB_DB = 'ferretdb';

export function pgUrl(ctx: StackContext, db: string): string {
  return `postgres://${DEMO.admin}:${DEMO.adminPassword}@127.0.0.1:${ctx.config.STACK_PG_PORT}/${db}`;
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const postgres: ServiceDef = {
  name: 'postgres',
  provides: ['BILLING_PG_URL', 'OMS_PG_URL'],
  ports: (ctx) => [{ port: ctx.config.STACK_PG_PORT, variable: 'STACK_PG_PORT' }],
  // SIGTERM is a "smart" shutdown that waits for Connect's replication sessions to end: never, here.
  stopSignal: 'SIGINT',

  async prepare(ctx) {
    const data = ctx.paths.dataDir('postgres');
    // initdb writes PG_VERSION early; only our marker proves it finished.
    const done = path.join(ctx.paths.state, 'postgres-initdb.done');
    if (fs.existsSync(done)) return;
    const owner = systemUser('postgres');
    fs.rmSync(data, { recursive: true, force: true });
    fs.mkdirSync(data, { recursive: true, mode: 0o700 });
    const pwfile = path.join(ctx.paths.conf, 'pg-admin.pw');
    fs.writeFileSync(pwfile, `${DEMO.adminPassword}\n`, { mode: 0o644 });
    if (owner) fs.chownSync(data, owner.uid, owner.gid);
    await ctx.reporter.timed('postgres', 'initdb', async () => {
      runChecked(
        path.join(ctx.tools().pgBin, 'initdb'),
        [
          '-D',
          data,
          '-U',
          DEMO.admin,
          `--pwfile=${pwfile}`,
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C.UTF-8',
        ],
        { runAs: owner, what: 'initdb' },
      );
    });
    fs.rmSync(pwfile);
    fs.writeFileSync(done, new Date().toISOString());
  },

  daemon(ctx) {
    const settings = {
      listen_addresses: '127.0.0.1',
      port: String(ctx.config.STACK_PG_PORT),
      // TCP only: no socket folder to own, nothing clashing with a system cluster's /run/postgresql.
      unix_socket_directories: '',
      wal_level: 'logical',
      max_wal_senders: '10',
      max_replication_slots: '10',
      // FerretDB's pool (below) plus the registry, Connect and the tests' own clients.
      max_connections: '300',
      shared_buffers: '128MB',
      // A disposable demo and test cluster: durability traded for speed, as the test stacks of
      // Debezium do. Never copy these three into a real deployment.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      // Like the legacy servers: now() in a `timestamp` column (OMS) writes Asia/Shanghai wall clock.
      timezone: 'Asia/Shanghai',
    };
    return {
      command: path.join(ctx.tools().pgBin, 'postgres'),
      args: [
        '-D',
        ctx.paths.dataDir('postgres'),
        ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      runAs: systemUser('postgres'),
    };
  },

  ready: (ctx) =>
    withClient(pgUrl(ctx, 'postgres'), async (c) => (await c.query('SELECT 1')).rowCount === 1).catch(
      () => false,
    ),

  async afterReady(ctx) {
    const cdcSql = fs.readFileSync(path.join(REPO_ROOT, 'stack/sql/postgres-cdc.sql'), 'utf8');
    for (const { db, table, ddl } of PG_LEGACY) {
      const created = await withClient(pgUrl(ctx, 'postgres'), async (c) => {
        const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
        if (exists.rowCount) return false;
        await c.query(`CREATE DATABASE ${db}`);
        return true;
      });
      await withClient(pgUrl(ctx, db), async (c) => {
        if (created) {
          await c.query(fs.readFileSync(path.join(REPO_ROOT, ddl), 'utf8'));
          ctx.reporter.step('postgres', `loaded legacy schema and sample rows into ${db}`);
        }
        await c.query(cdcSql);
        const pub = await c.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [`dbz_${db}`]);
        if (!pub.rowCount) await c.query(`CREATE PUBLICATION dbz_${db} FOR TABLE ${table}`);
      });
    }
    await withClient(pgUrl(ctx, 'postgres'), async (c) => {
      for (const db of [REGISTRY_DB, FERRETDB_DB]) {
        const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
        if (!exists.rowCount) await c.query(`CREATE DATABASE ${db}`);
      }
    });
    // Before FerretDB starts: its first collections already get their GIN indexes.
    await withClient(pgUrl(ctx, FERRETDB_DB), (c) => installFerretDbGin(ctx, c));
  },
};
