import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { runChecked } from '../process-control';
import type { ServiceDef, StackContext } from '../service';
import { systemUser } from '../tools';
import { DEMO } from './demo-credentials';

export function mariadbUrl(ctx: StackContext, db: string): string {
  return `mysql://${DEMO.admin}:${DEMO.adminPassword}@127.0.0.1:${ctx.config.STACK_MARIADB_PORT}/${db}`;
}

async function withConnection<T>(ctx: StackContext, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({
    host: '127.0.0.1',
    port: ctx.config.STACK_MARIADB_PORT,
    user: DEMO.admin,
    password: DEMO.adminPassword,
    multipleStatements: true,
    connectTimeout: 2000,
  });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

function socketDir(ctx: StackContext): string {
  return path.join(ctx.paths.run, 'mariadb');
}

export const mariadb: ServiceDef = {
  name: 'mariadb',
  provides: ['CRM_MARIADB_URL'],
  ports: (ctx) => [{ port: ctx.config.STACK_MARIADB_PORT, variable: 'STACK_MARIADB_PORT' }],

  async prepare(ctx) {
    const data = ctx.paths.dataDir('mariadb');
    const owner = systemUser('mysql');
    for (const dir of [data, socketDir(ctx)]) {
      fs.mkdirSync(dir, { recursive: true });
      if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    }
    // mariadbd reads it as the mysql user at every start.
    fs.copyFileSync(
      path.join(REPO_ROOT, 'stack/sql/mariadb-init.sql'),
      path.join(ctx.paths.conf, 'mariadb-init.sql'),
    );
    fs.chmodSync(path.join(ctx.paths.conf, 'mariadb-init.sql'), 0o644);
    const done = path.join(ctx.paths.state, 'mariadb-install-db.done');
    if (fs.existsSync(done)) return;
    // An interrupted install leaves a partial system schema: start over from an empty folder.
    fs.rmSync(data, { recursive: true, force: true });
    fs.mkdirSync(data, { recursive: true });
    if (owner) fs.chownSync(data, owner.uid, owner.gid);
    await ctx.reporter.timed('mariadb', 'mariadb-install-db', async () => {
      runChecked(
        ctx.tools().mariadbInstallDb,
        [
          '--no-defaults',
          `--datadir=${data}`,
          '--auth-root-authentication-method=socket',
          '--skip-test-db',
          ...(owner ? ['--user=mysql'] : []),
        ],
        { what: 'mariadb-install-db' },
      );
    });
    fs.writeFileSync(done, new Date().toISOString());
  },

  daemon(ctx) {
    const data = ctx.paths.dataDir('mariadb');
    return {
      command: ctx.tools().mariadbd,
      args: [
        '--no-defaults',
        `--datadir=${data}`,
        `--port=${ctx.config.STACK_MARIADB_PORT}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(socketDir(ctx), 'mariadb.sock')}`,
        `--pid-file=${path.join(socketDir(ctx), 'mariadbd.pid')}`,
        `--init-file=${path.join(ctx.paths.conf, 'mariadb-init.sql')}`,
        // What the Debezium MariaDB connector requires of the binlog.
        '--server-id=1',
        '--log-bin=mariadb-bin',
        '--binlog-format=ROW',
        '--binlog-row-image=FULL',
        '--expire-logs-days=7',
        '--character-set-server=utf8mb4',
        // CRM's DATETIME columns hold Asia/Shanghai local time, and ON UPDATE CURRENT_TIMESTAMP
        // writes the server's wall clock: run on UTC+8 (China has no DST) as the legacy server does.
        '--default-time-zone=+08:00',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=128M',
        // Demo and tests only: flush the redo log once a second instead of at every commit.
        '--innodb-flush-log-at-trx-commit=2',
      ],
      runAs: systemUser('mysql'),
    };
  },

  ready: (ctx) =>
    withConnection(ctx, async (c) => (await c.query('SELECT 1')) !== undefined).catch(() => false),

  async afterReady(ctx) {
    await withConnection(ctx, async (c) => {
      const [rows] = await c.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'crm'");
      if ((rows as unknown[]).length > 0) return;
      await c.query(fs.readFileSync(path.join(REPO_ROOT, 'demo/legacy/crm.mariadb.sql'), 'utf8'));
      ctx.reporter.step('mariadb', 'loaded legacy schema and sample rows into crm');
    });
  },
};
