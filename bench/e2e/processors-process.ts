/**
 * The processors as a separate process (`customer-view processors`, through bin/customer-view.js
 * as an operator runs them) with their own group, database, topics and HTTP port, so the bench can
 * read their peak resident memory (VmHWM) and they do not share an event loop with the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, type Endpoints } from '../../src/config/endpoints';
import { REPO_ROOT } from '../../src/config/stack-config';
import { freePort } from '../../harness/free-port';
import { waitFor } from '../../harness/wait-for';

/** Peak resident set size of a live process in MB (VmHWM), or undefined once it is gone. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessorsProcessOptions {
  endpoints: Endpoints;
  topics: { crm: string; billing: string; oms: string };
  groupId: string;
  mongoDb: string;
  dlqTopic: string;
  stateTopic: string;
  logFile: string;
}

export async function startProcessorsProcess(o: ProcessorsProcessOptions) {
  const port = await freePort();
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const log = fs.openSync(o.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['bin/customer-view.js', 'processors'], {
    cwd: REPO_ROOT,
    env: childEnv(o.endpoints, {
      PROCESSOR_GROUP_ID: o.groupId,
      MONGO_DB: o.mongoDb,
      CRM_TOPIC: o.topics.crm,
      BILLING_TOPIC: o.topics.billing,
      OMS_TOPIC: o.topics.oms,
      DLQ_TOPIC: o.dlqTopic,
      STATE_TOPIC: o.stateTopic,
      PROCESSOR_HTTP_PORT: String(port),
      LOG_FORMAT: 'json',
    }),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the processors');
  const tail = () => fs.readFileSync(o.logFile, 'utf8').split('\n').slice(-20).join('\n');

  await Promise.race([
    waitFor(
      'the processors to be ready (/readyz)',
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    ),
    exit.then(() => {
      throw new Error(`the processors exited (${exited}) before they were ready:\n${tail()}`);
    }),
  ]).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });

  return {
    pid,
    port,
    alive: () => exited === undefined,
    peakRssMb: () => peakRssMb(pid),
    /** SIGKILL, as a crash or the OOM killer would (npm run chaos); resolves once it is gone. */
    async kill(): Promise<void> {
      if (exited !== undefined) return;
      child.kill('SIGKILL');
      await exit;
    },
    /** SIGTERM (the processors finish their batch and commit), SIGKILL after `graceMs`. */
    async stop(graceMs = 30_000): Promise<void> {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
export type ProcessorsProcess = Awaited<ReturnType<typeof startProcessorsProcess>>;
