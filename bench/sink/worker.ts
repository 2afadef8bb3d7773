/**
 * A standalone Kafka Connect worker (`ConnectStandalone`, the stack's Kafka/Connect jars) for the
 * sink connector alone: small heap and the stack's JVM flags, its own REST port and offsets file.
 * It runs in its own process group and `stop()` ends that group, whatever happened before.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createConnectClient } from '../../src/connect/connect-client';
import { waitFor } from '../../harness/wait-for';
import { freePort } from '../../harness/free-port';
import { sinkWorkerProperties } from './config';

export interface SinkWorkerOptions {
  java: string;
  /** Folder of the Kafka + Connect jars (.stack/lib/kafka). */
  kafkaLib: string;
  pluginPath: string;
  brokers: string;
  /** Folder for the worker's properties, offsets and log. */
  dir: string;
  /** log4j2 configuration of the stack (one line per event). */
  log4j: string;
  flushIntervalMs: number;
}

export async function startSinkWorker(o: SinkWorkerOptions) {
  fs.mkdirSync(o.dir, { recursive: true });
  const port = await freePort();
  const props = path.join(o.dir, 'worker.properties');
  fs.writeFileSync(
    props,
    sinkWorkerProperties({
      brokers: o.brokers,
      port,
      offsetsFile: path.join(o.dir, 'offsets'),
      pluginPath: o.pluginPath,
      flushIntervalMs: o.flushIntervalMs,
    }),
  );
  const logFile = path.join(o.dir, 'worker.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    o.java,
    [
      '-Xmx384m',
      '-Xms64m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${o.log4j}`,
      '-cp',
      `${o.kafkaLib}/*`,
      'org.apache.kafka.connect.cli.ConnectStandalone',
      props,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the sink worker');
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* gone */
    }
  };
  const worker = {
    url,
    pid,
    logFile,
    client: createConnectClient({ baseUrl: url, timeoutMs: 10_000 }),
    tail,
    alive: () => exited === undefined,
    /** SIGTERM to the worker's process group, SIGKILL after 20 s. */
    async stop(): Promise<void> {
      if (exited !== undefined) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
  try {
    await Promise.race([
      waitFor(
        'the sink worker REST API',
        async () => (await fetch(`${url}/connectors`, { signal: AbortSignal.timeout(2000) })).ok,
        {
          timeoutMs: 120_000,
          intervalMs: 250,
        },
      ),
      exit.then(() => {
        throw new Error(`the sink worker exited (${exited}):\n${tail()}`);
      }),
    ]);
  } catch (e) {
    await worker.stop();
    throw e;
  }
  return worker;
}
export type SinkWorker = Awaited<ReturnType<typeof startSinkWorker>>;
