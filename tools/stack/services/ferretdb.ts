import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { BUILD_MARKER } from '../artifacts';
import { ferretdbBuildPrint } from '../ferretdb-build';
import { runningPid } from '../process-control';
import type { ServiceDef, StackContext } from '../service';
import { FERRETDB_DB, pgUrl } from './postgres';

/**
 * The driver's pool is capped: FerretDB's PostgreSQL backend holds up to two of its own connections
 * per update or findAndModify command in flight, and stalls for good once its pool is exhausted (see
 * docs/ferretdb.md for the rule that remains after our fix). MongoDB itself needs no such cap.
 */
export function mongoUrl(ctx: StackContext): string {
  return `mongodb://127.0.0.1:${ctx.config.STACK_MONGO_PORT}/?maxPoolSize=${MONGO_CLIENT_POOL}`;
}
const MONGO_CLIENT_POOL = 20;
/** Room for several clients at MONGO_CLIENT_POOL operations each, two connections per operation. */
const FERRETDB_PG_POOL = 200;

/**
 * FerretDB's PostgreSQL URL. pgx passes parameters it does not know to PostgreSQL as session settings,
 * so `plan_cache_mode=force_custom_plan` applies to FerretDB's connections only. FerretDB prepares
 * `... WHERE _jsonb->$1 @> $2` once per pooled connection; after five runs PostgreSQL may switch it to
 * a generic plan, in which `_jsonb->$1` matches no index expression, and it keeps that plan after a
 * GIN index appears (its cost history says custom plans were no cheaper). A custom plan binds the
 * field name first and uses the GIN indexes of stack/sql/ferretdb-gin.sql, also on connections that
 * were open before the index existed (docs/ferretdb.md).
 */
export function ferretdbPgUrl(ctx: StackContext): string {
  return `${pgUrl(ctx, FERRETDB_DB)}?pool_max_conns=${FERRETDB_PG_POOL}&plan_cache_mode=force_custom_plan`;
}

/**
 * Why the running FerretDB is not the one this checkout would start (another build or other
 * arguments), or undefined when it is, or when none runs. `stack:up` leaves a running service alone,
 * so after a change of the build or its settings it keeps running the old one until restarted.
 */
export function ferretdbDrift(ctx: StackContext): string | undefined {
  const pid = runningPid(ctx.paths.pidFile('ferretdb'));
  if (pid === undefined) return undefined;
  const spec = ferretdb.daemon(ctx);
  let cmdline: string[];
  let exe: string;
  try {
    cmdline = fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '');
    exe = fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined; // no /proc: nothing to compare
  }
  if (cmdline.slice(1).join(' ') !== spec.args.join(' '))
    return `FerretDB (pid ${pid}) runs with other arguments`;
  if (exe.endsWith(' (deleted)')) return `FerretDB (pid ${pid}) runs a binary that has since been rebuilt`;
  const marker = path.join(path.dirname(spec.command), BUILD_MARKER);
  const built = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined;
  if (built !== ferretdbBuildPrint()) return `FerretDB (pid ${pid}) was built from other sources or patches`;
  return undefined;
}

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
      `--postgresql-url=${ferretdbPgUrl(ctx)}`,
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
  async afterReady(ctx) {
    const drift = ferretdbDrift(ctx);
    if (drift)
      ctx.reporter.warn('ferretdb', `${drift}: restart it with npm run stack:down && npm run stack:up`);
  },
};
