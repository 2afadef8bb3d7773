/**
 * A FerretDB of the probes' own: a given binary on a free port over a given PostgreSQL database,
 * with PostgreSQL's default plan cache and no event trigger (the database is not the stack's
 * `ferretdb`). Killed by the probe that started it; SIGKILL is what a wedged FerretDB obeys at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { freePort } from '../harness/free-port';

export interface PrivateFerret {
  /** mongodb:// URL of this FerretDB. */
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** true when the server at `url` answers `ping` within `ms`. */
export async function answersPing(url: string, ms: number): Promise<boolean> {
  const c = new MongoClient(url, { serverSelectionTimeoutMS: ms, connectTimeoutMS: ms, socketTimeoutMS: ms });
  try {
    await c.connect();
    return (await c.db('admin').command({ ping: 1 })).ok === 1;
  } catch {
    return false;
  } finally {
    await c.close(true).catch(() => undefined);
  }
}

/** Starts `binary` with `pool_max_conns=pool` over `pgDbUrl` (a postgres:// URL without query). */
export async function startPrivateFerret(
  binary: string,
  pgDbUrl: string,
  { pool, logFile }: { pool: number; logFile: string },
): Promise<PrivateFerret> {
  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    binary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      '--handler=postgresql',
      `--postgresql-url=${pgDbUrl}?pool_max_conns=${pool}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const url = `mongodb://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (await answersPing(url, 500)) return { url, child, stop };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`the private FerretDB (${binary}) did not answer; see ${logFile}`);
}
