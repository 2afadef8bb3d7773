import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import { StackError } from './errors';

export interface RunAs {
  uid: number;
  gid: number;
}

export interface DaemonSpec {
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  cwd?: string;
  env?: Record<string, string>;
  runAs?: RunAs;
}

/** Starts a long-running service detached from this process, output appended to its log, pid recorded. */
export function startDaemon(spec: DaemonSpec): number {
  const log = fs.openSync(spec.logFile, 'a');
  fs.writeSync(log, `\n--- ${new Date().toISOString()} starting: ${spec.command} ${spec.args.join(' ')}\n`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...baseEnv(), ...spec.env },
    detached: true,
    stdio: ['ignore', log, log],
    uid: spec.runAs?.uid,
    gid: spec.runAs?.gid,
  });
  fs.closeSync(log);
  if (child.pid === undefined) throw new StackError(`could not start ${spec.command}`);
  child.unref();
  fs.writeFileSync(spec.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** The environment services inherit: PATH and locale only, so a user's shell settings cannot leak in. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ'];
  // eslint-disable-next-line no-restricted-properties -- passing PATH/HOME through to children is not config
  const env = process.env;
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k] as string]));
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie answers signal 0 but is gone for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return true;
  }
}

/** The recorded pid if that process still runs; a stale pid file is removed. */
export function runningPid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  if (pid === undefined) return undefined;
  if (isAlive(pid)) return pid;
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

/** `signal` (SIGTERM), wait up to `graceMs`, then SIGKILL. Signals the process group the daemon leads. */
export async function stopPid(
  pid: number,
  graceMs = 30_000,
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Promise<'stopped' | 'killed'> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal(stopSignal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await new Promise((r) => setTimeout(r, 200));
  }
  signal('SIGKILL');
  return 'killed';
}

/** Runs a short command to completion; throws with its output when it fails. */
export function runChecked(
  command: string,
  args: string[],
  options: SpawnSyncOptions & { runAs?: RunAs; what?: string } = {},
): string {
  const { runAs, what, ...rest } = options;
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    uid: runAs?.uid,
    gid: runAs?.gid,
    ...rest,
  });
  if (result.error) throw new StackError(`${what ?? command} failed to run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new StackError(
      `${what ?? `${command} ${args.join(' ')}`} exited with ${result.status}:\n${output}`,
    );
  }
  return String(result.stdout ?? '');
}

/** Last lines of a log file, for failure reports and `stack:logs`. */
export function tailFile(file: string, lines: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/** Async `runChecked`, so independent downloads and builds can overlap. */
export function runCheckedAsync(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; what?: string; runAs?: RunAs } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ? { ...baseEnv(), ...options.env } : undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.runAs?.uid,
      gid: options.runAs?.gid,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', (e) =>
      reject(new StackError(`${options.what ?? command} failed to run: ${e.message}`)),
    );
    child.once('close', (code) => {
      if (code === 0) return resolve(out);
      const tail = out.trim().split('\n').slice(-25).join('\n');
      reject(
        new StackError(`${options.what ?? `${command} ${args.join(' ')}`} exited with ${code}:\n${tail}`),
      );
    });
  });
}
