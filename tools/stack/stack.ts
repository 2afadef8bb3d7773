import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { provisionFerretDb, provisionJava } from './artifacts';
import { stackEndpoints, writeEndpointsFile } from './endpoints';
import { StackError } from './errors';
import { portFree, waitUntil } from './probes';
import { runningPid, startDaemon, stopPid, tailFile } from './process-control';
import { isExternal, type ServiceDef, type StackContext } from './service';
import { SERVICES, SERVICE_WAVES } from './services';
import { ferretdb } from './services/ferretdb';
import { registry } from './services/registry';

export interface ServiceStatus {
  name: string;
  state: 'running' | 'starting' | 'stopped' | 'external';
  pid?: number;
  ports: number[];
  healthy: boolean;
}

function ensureDirs(ctx: StackContext): void {
  const p = ctx.paths;
  for (const dir of [
    p.root,
    p.downloads,
    p.lib,
    p.plugins,
    p.apps,
    p.bin,
    p.data,
    p.logs,
    p.run,
    p.conf,
    p.state,
  ]) {
    fs.mkdirSync(dir, { recursive: true });
  }
}

/** Fails before any work when a port of a service we are about to start is taken. */
async function assertPortsFree(ctx: StackContext, services: ServiceDef[]): Promise<void> {
  const taken: string[] = [];
  for (const svc of services) {
    for (const { port, variable } of svc.ports(ctx)) {
      if (!(await portFree(port)))
        taken.push(
          `${svc.name}: port ${port} is in use by another process (move it with ${variable}=<port>)`,
        );
    }
  }
  if (taken.length > 0) {
    throw new StackError(
      taken.join('\n'),
      'stop those processes, or set the variables named above and run stack:up again',
    );
  }
}

async function ensureService(ctx: StackContext, svc: ServiceDef): Promise<void> {
  const { reporter, paths } = ctx;
  const timeoutMs = ctx.config.STACK_PROBE_TIMEOUT_S * 1000;
  const pidFile = paths.pidFile(svc.name);
  const logFile = paths.logFile(svc.name);
  const existing = runningPid(pidFile);
  if (existing !== undefined) {
    await waitUntil(svc.name, () => svc.ready(ctx), {
      timeoutMs,
      alive: () => runningPid(pidFile) !== undefined,
    });
    reporter.step(svc.name, `already running (pid ${existing})`);
  } else {
    await assertPortsFree(ctx, [svc]);
    await svc.prepare(ctx);
    const started = Date.now();
    const pid = startDaemon({ ...svc.daemon(ctx), logFile, pidFile });
    try {
      await waitUntil(svc.name, () => svc.ready(ctx), {
        timeoutMs,
        alive: () => runningPid(pidFile) !== undefined,
      });
    } catch (e) {
      // Leave nothing half-started behind: the next stack:up starts this service afresh.
      await stopPid(pid, 10_000, svc.stopSignal);
      fs.rmSync(pidFile, { force: true });
      throw new StackError(
        `${(e as Error).message}\n--- last lines of ${logFile}:\n${tailFile(logFile, 30)}`,
        `see the whole log with: npm run stack:logs ${svc.name}`,
      );
    }
    reporter.step(svc.name, `ready (pid ${pid}, ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  await svc.afterReady?.(ctx);
}

/** Brings every non-external service up; what already runs is only checked. */
export async function stackUp(ctx: StackContext): Promise<Record<string, string>> {
  ensureDirs(ctx);
  const wanted = SERVICES.filter((s) => !isExternal(s, ctx));
  for (const s of SERVICES.filter((s) => isExternal(s, ctx)))
    ctx.reporter.step(s.name, 'external (endpoint set in the environment): not started');
  const toStart = wanted.filter((s) => runningPid(ctx.paths.pidFile(s.name)) === undefined);
  await assertPortsFree(ctx, toStart);
  if (toStart.length > 0) {
    const tools = ctx.tools();
    const jvm = wanted.some((s) => ['kafka', 'connect', 'registry'].includes(s.name));
    await Promise.all([
      jvm ? provisionJava(tools, ctx.paths, ctx.reporter) : Promise.resolve(),
      wanted.includes(ferretdb) ? provisionFerretDb(tools, ctx.paths, ctx.reporter) : Promise.resolve(),
    ]);
  }
  for (const wave of SERVICE_WAVES) {
    await Promise.all(wave.filter((s) => wanted.includes(s)).map((s) => ensureService(ctx, s)));
  }
  if (wanted.includes(registry) && ctx.config.external.has('BILLING_PG_URL')) {
    ctx.reporter.warn('registry', 'no local PostgreSQL: schemas are kept in memory and lost on restart');
  }
  const endpoints = stackEndpoints(ctx);
  writeEndpointsFile(ctx, endpoints);
  return endpoints;
}

export async function stackStatus(ctx: StackContext): Promise<ServiceStatus[]> {
  return Promise.all(
    SERVICES.map(async (svc): Promise<ServiceStatus> => {
      const ports = svc.ports(ctx).map((p) => p.port);
      if (isExternal(svc, ctx))
        return { name: svc.name, state: 'external', ports, healthy: await svc.ready(ctx) };
      const pid = runningPid(ctx.paths.pidFile(svc.name));
      if (pid === undefined) return { name: svc.name, state: 'stopped', ports, healthy: false };
      const healthy = await svc.ready(ctx);
      return { name: svc.name, state: healthy ? 'running' : 'starting', pid, ports, healthy };
    }),
  );
}

/** Stops what the stack started, by pid, in reverse start order; `purge` also wipes data and state. */
export async function stackDown(ctx: StackContext, { purge }: { purge: boolean }): Promise<void> {
  for (const wave of [...SERVICE_WAVES].reverse()) {
    await Promise.all(
      wave.map(async (svc) => {
        const pid = runningPid(ctx.paths.pidFile(svc.name));
        if (pid === undefined) return;
        const how = await stopPid(pid, 30_000, svc.stopSignal);
        fs.rmSync(ctx.paths.pidFile(svc.name), { force: true });
        ctx.reporter.step(
          svc.name,
          how === 'stopped' ? `stopped (pid ${pid})` : `killed after timeout (pid ${pid})`,
        );
      }),
    );
  }
  if (purge) {
    for (const dir of [ctx.paths.data, ctx.paths.logs, ctx.paths.state, ctx.paths.conf, ctx.paths.run]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(ctx.paths.endpointsFile, { force: true });
    ctx.reporter.step('stack', 'purged data, logs and state (downloads and builds kept)');
  }
}

function serviceNamed(name: string): ServiceDef {
  const svc = SERVICES.find((s) => s.name === name);
  if (!svc)
    throw new StackError(`unknown service "${name}"`, `one of: ${SERVICES.map((s) => s.name).join(', ')}`);
  return svc;
}

/**
 * Stops one service the stack started, by its pid, and leaves the others running: fault injection
 * (npm run chaos) and an operator's restart of a single service. What depends on it is not touched.
 */
export async function stopService(
  ctx: StackContext,
  name: string,
): Promise<'stopped' | 'killed' | 'not running'> {
  const svc = serviceNamed(name);
  if (isExternal(svc, ctx))
    throw new StackError(`${name} is external (its endpoint is set): not ours to stop`);
  const pidFile = ctx.paths.pidFile(svc.name);
  const pid = runningPid(pidFile);
  if (pid === undefined) return 'not running';
  const how = await stopPid(pid, 30_000, svc.stopSignal);
  fs.rmSync(pidFile, { force: true });
  ctx.reporter.step(
    svc.name,
    how === 'stopped' ? `stopped (pid ${pid})` : `killed after timeout (pid ${pid})`,
  );
  return how;
}

/** Starts one stopped service (already provisioned by stack:up) and waits until it is ready; a no-op check if it runs. */
export async function startService(ctx: StackContext, name: string): Promise<void> {
  const svc = serviceNamed(name);
  if (isExternal(svc, ctx))
    throw new StackError(`${name} is external (its endpoint is set): not ours to start`);
  ensureDirs(ctx);
  await ensureService(ctx, svc);
}

export function stackLogs(
  ctx: StackContext,
  service: string,
  { lines, follow }: { lines: number; follow: boolean },
): Promise<void> {
  if (!SERVICES.some((s) => s.name === service)) {
    throw new StackError(`unknown service "${service}"`, `one of: ${SERVICES.map((s) => s.name).join(', ')}`);
  }
  const file = ctx.paths.logFile(service);
  if (!fs.existsSync(file)) throw new StackError(`${service} has no log yet (${file})`);
  if (!follow) {
    process.stdout.write(`${tailFile(file, lines)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const tail = spawn('tail', ['-n', String(lines), '-F', file], { stdio: 'inherit' });
    tail.once('close', () => resolve());
  });
}
