import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { REPO_ROOT } from '../../../src/config/stack-config';
import type { StackContext } from '../service';

const GIN_SQL = path.join(REPO_ROOT, 'stack/sql/ferretdb-gin.sql');

/**
 * The PostgreSQL side of FerretDB's indexes, on `client` connected to FerretDB's database: installs
 * the event triggers of stack/sql/ferretdb-gin.sql (every btree index FerretDB creates gets GIN
 * indexes that serve its equality pushdown) and backfills collections that existed before. Runs at
 * every stack:up, before FerretDB starts when the stack starts it. The runtime code never sees any of
 * this: it stays plain MongoDB, and a real MongoDB needs none of it.
 */
export async function installFerretDbGin(ctx: StackContext, client: Client): Promise<void> {
  const warn = (n: { severity?: string | undefined; message?: string | undefined }) => {
    if (n.severity === 'WARNING') ctx.reporter.warn('postgres', n.message ?? 'warning');
  };
  client.on('notice', warn);
  await client.query(fs.readFileSync(GIN_SQL, 'utf8'));
  // Backfill never waits long behind a busy table: what it skips, the next stack:up does.
  await client.query(`SET lock_timeout = '10s'`);
  const res = await client.query<{ created: number }>('CALL csv_stack.backfill()');
  const created = res.rows[0]?.created ?? 0;
  if (created > 0)
    ctx.reporter.step('postgres', `created ${created} GIN indexes for existing FerretDB collections`);
  client.off('notice', warn);
}
