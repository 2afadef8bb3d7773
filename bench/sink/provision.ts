/**
 * The MongoDB Kafka sink connector from Maven Central, fetched with mvn into a bench-owned plug-in
 * folder under the stack folder, once: built in `<dest>.partial`, renamed into place with a marker
 * holding the artifact coordinates (as the stack provisions its own plug-ins), so an interrupted
 * download is redone and a changed version re-fetched.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config/stack-config';
import { MAVEN_DEPENDENCY_PLUGIN } from '../../tools/stack/versions';
import { SINK_ARTIFACT } from './config';

const MARKER = '.complete';

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out.split('\n').slice(-15).join('\n')}`),
        );
    });
  });
}

/** The plug-in folder holding the sink connector, downloaded the first time. */
export async function ensureSinkPlugin(benchDir: string, mvn: string): Promise<string> {
  const pluginPath = path.join(benchDir, 'plugins');
  const dest = path.join(pluginPath, 'mongo-kafka-connect');
  const marker = path.join(dest, MARKER);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === SINK_ARTIFACT) return pluginPath;
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  await run(
    mvn,
    [
      '-q',
      '-B',
      `${MAVEN_DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=${SINK_ARTIFACT}`,
      `-DoutputDirectory=${tmp}`,
    ],
    10 * 60_000,
  );
  fs.writeFileSync(path.join(tmp, MARKER), SINK_ARTIFACT);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
  return pluginPath;
}
