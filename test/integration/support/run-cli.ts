/** `customer-view` as an operator runs it, from the repository's bin. */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../src/config/stack-config';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `customer-view <args>` with exactly `env`, killed after `timeoutMs`. Asynchronous on purpose:
 * processors a test runs in its own process must keep consuming while the command waits on them.
 */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 150_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/customer-view.js', ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
