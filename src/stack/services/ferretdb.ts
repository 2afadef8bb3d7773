import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { ServiceDef, StackContext } from '../service';
import { FERRETDB_DB, pgUrl } from './postgres';

/**
 * The driver's pool is capped: FerretDB's PostgreSQL backend may hold two of its own connections per
 * operation, and stalls for good once its pool is exhausted (seen at ~30 concurrent operations with
 * its default pool of 50). MongoDB itself needs no such cap.
 */
export function mongoUrl(ctx: StackContext): string {
  return `mongodb://127.0.0.1:${ctx.config.STACK_MONGO_PORT}/?maxPoolSize=${MONGO_CLIENT_POOL}`;
}
const MONGO_CLIENT_POOL = 20;
/** Room for several clients at MONGO_CLIENT_POOL operations each, two connections per operation. */
const FERRETDB_PG_POOL = 200;

export const ferretdb: ServiceDef = {
  name: 'ferretdb',
  provides: ['MONGO_URL'],
  ports: (ctx) => [{ port: ctx.config.STACK_MONGO_PORT, variable: 'STACK_MONGO_PORT' }],
  async prepare(ctx) {
    fs.mkdirSync(ctx.paths.dataDir('ferretdb'), { recursive: true });
  },
  // The PostgreSQL backend, not SQLite: it pushes equality filters down to indexed SQL, where the
  // SQLite backend scans the whole collection for any filter but a lone `_id` (measured: 200 ms per
  // guarded write at 2,000 documents, against 2-4 ms here).
  daemon: (ctx) => ({
    command: path.join(ctx.paths.bin, 'ferretdb', 'ferretdb'),
    args: [
      `--listen-addr=127.0.0.1:${ctx.config.STACK_MONGO_PORT}`,
      '--handler=postgresql',
      `--postgresql-url=${pgUrl(ctx, FERRETDB_DB)}?pool_max_conns=${FERRETDB_PG_POOL}`,
    ],
  }),
  async ready(ctx) {
    const client = new MongoClient(mongoUrl(ctx), { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
    try {
      await client.connect();
      const res = await client.db('admin').command({ ping: 1 });
      return res.ok === 1;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
