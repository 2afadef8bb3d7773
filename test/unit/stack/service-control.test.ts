import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStackConfig } from '../../../src/config/stack-config';
import { stackPaths } from '../../../tools/stack/paths';
import { isAlive } from '../../../tools/stack/process-control';
import { createReporter } from '../../../tools/stack/reporter';
import type { StackContext } from '../../../tools/stack/service';
import { startService, stopService } from '../../../tools/stack/stack';

function ctxIn(root: string, env: Record<string, string> = {}): StackContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    config: parseStackConfig(env),
    paths: stackPaths(root),
    reporter: createReporter((l) => lines.push(l)),
    tools: () => {
      throw new Error('no toolchain in a unit test');
    },
    lines,
  };
}

describe('stopService', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-stack-'));
    fs.mkdirSync(path.join(root, 'run'), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stops the recorded process of that one service and forgets its pid', async () => {
    const ctx = ctxIn(root);
    // Stands in for the service: a detached process group, as startDaemon makes.
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    child.unref();
    const pid = child.pid as number;
    fs.writeFileSync(ctx.paths.pidFile('ferretdb'), `${pid}\n`);

    expect(await stopService(ctx, 'ferretdb')).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(ctx.paths.pidFile('ferretdb'))).toBe(false);
    expect(ctx.lines.join('\n')).toContain(`stopped (pid ${pid})`);
  });

  it('reports a service without a live process as not running', async () => {
    expect(await stopService(ctxIn(root), 'kafka')).toBe('not running');
  });

  it('refuses an unknown service and an external one, naming the services', async () => {
    await expect(stopService(ctxIn(root), 'zookeeper')).rejects.toThrow('unknown service "zookeeper"');
    const external = ctxIn(root, { MONGO_URL: 'mongodb://elsewhere:27017/' });
    await expect(stopService(external, 'ferretdb')).rejects.toThrow('external');
    await expect(startService(external, 'ferretdb')).rejects.toThrow('external');
  });
});
