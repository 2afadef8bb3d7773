/**
 * `customer-view connectors` against the real Connect worker, on a private connector: a legacy copy
 * registered by the harness from the committed billing definition with only names changed. The test
 * writes that definition into its own connectors folder (with the committed converter overlay), so
 * the CLI manages this connector and nothing else. A config change in an environment overlay is shown
 * by `diff` (exit 2), rolled out by `apply` (then `diff` exits 0) and the connector still streams.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectorsCommand } from '../../src/cli/commands/connectors';
import { createConnectClient } from '../../src/connect/connect-client';
import { REPO_ROOT } from '../../src/config/stack-config';
import { AppError } from '../../src/shared/errors';
import { endpoints } from './support/endpoints';
import { createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { readTopic, type TopicReader } from './support/topic-reader';
import { waitFor } from './support/wait-for';

/**
 * The change rolled out. A PostgreSQL connector idle since its snapshot cannot simply restart: its
 * slot has moved past the last committed offset (Debezium acknowledges the server's keepalives),
 * and it FAILS "no longer available on the server". `when_needed` snapshots again in that case, and
 * heartbeats keep the offsets moving with the slot from then on.
 */
const ROLLOUT = { 'snapshot.mode': 'when_needed', 'heartbeat.interval.ms': '5000' };

const connect = createConnectClient({ baseUrl: endpoints.CONNECT_URL });
const connectors = connectorsCommand;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await connectors.run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('customer-view connectors', () => {
  let copy: LegacyCopy;
  let dir: string;
  let name: string;
  /** `--dir` of this test's connectors folder, for the commands that read desired configs. */
  let at: string[];

  beforeAll(async () => {
    copy = await createLegacyCopy('billing', 'json');
    name = copy.connector;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-connectors-'));
    fs.mkdirSync(path.join(dir, 'env'));
    fs.cpSync(path.join(REPO_ROOT, 'connectors', 'formats'), path.join(dir, 'formats'), { recursive: true });
    // What the harness deployed: the committed billing definition with its names changed.
    const live = await connect.getConfig(name);
    fs.writeFileSync(path.join(dir, 'billing.json'), JSON.stringify({ name, config: live }));
    // Overlays name connectors by their definition's name: here the private one.
    fs.writeFileSync(
      path.join(dir, 'env', 'heartbeat.json'),
      JSON.stringify({ connectors: { [name]: ROLLOUT } }),
    );
    at = ['--dir', dir, '--format', 'json'];
  });
  afterAll(async () => {
    await copy?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('diff: the deployed connector is in sync with its definition (exit 0)', async () => {
    const r = await cli('diff', ...at);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`= ${name}: in sync\n`);
  });

  it('validate: our checks and Connect plugin validation pass (exit 0)', async () => {
    const r = await cli('validate', ...at, '--env', 'heartbeat');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(': valid');
    expect(r.code).toBe(0);
  });

  it('diff shows an overlay change and exits 2; apply --dry-run changes nothing', async () => {
    const r = await cli('diff', ...at, '--env', 'heartbeat');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      `~ ${name}: 2 keys differ\n    + heartbeat.interval.ms = "5000"\n    ~ snapshot.mode: "initial" -> "when_needed"\n`,
    );

    const json = JSON.parse((await cli('diff', ...at, '--env', 'heartbeat', '--json')).stdout);
    expect(json).toEqual({
      differences: true,
      connectors: [
        {
          name,
          state: 'changed',
          changes: [
            { key: 'heartbeat.interval.ms', desired: '5000' },
            { key: 'snapshot.mode', live: 'initial', desired: 'when_needed' },
          ],
        },
      ],
    });

    const dry = await cli('apply', ...at, '--env', 'heartbeat', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing changed');
    expect((await connect.getConfig(name))?.['heartbeat.interval.ms']).toBeUndefined();
  });

  it('apply rolls the change out, waits for RUNNING, and then diff exits 0', async () => {
    const r = await cli('apply', ...at, '--env', 'heartbeat');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${name}: updated, RUNNING \\(\\d+\\.\\ds\\)\\n$`));
    expect(r.code).toBe(0);
    expect((await connect.getConfig(name))?.['heartbeat.interval.ms']).toBe('5000');
    expect(await cli('diff', ...at, '--env', 'heartbeat')).toMatchObject({ code: 0 });

    // Idempotent: the same apply again puts nothing.
    const again = await cli('apply', ...at, '--env', 'heartbeat');
    expect(again.stdout).toMatch(new RegExp(`^${name}: unchanged, RUNNING`));

    // The rolled-out connector streams.
    let reader: TopicReader | undefined;
    try {
      reader = await readTopic(copy.topic);
      await reader.until('the snapshot', (m) => m.length >= 7);
      await sql(
        'billing',
        copy.db,
        "UPDATE accounts SET acct_state = 'DUNNING' WHERE account_no = 'BA00000006'",
      );
      await reader.until('the update after the rollout', (m) =>
        m.some((x) => x.value?.toString().includes('"op":"u"') ?? false),
      );
    } finally {
      await reader?.stop();
    }
  });

  it('diff and validate never print a literal secret; validate refuses it', async () => {
    const secret = 'cdc'; // the demo CDC password: the connector would even work with it
    fs.writeFileSync(
      path.join(dir, 'env', 'literal.json'),
      JSON.stringify({ connectors: { [name]: { 'database.password': secret } } }),
    );
    const d = await cli('diff', ...at, '--env', 'literal');
    expect(d.code).toBe(2);
    expect(d.stdout).toContain('~ database.password: "${env:BILLING_CDC_PASSWORD}" -> "[redacted]"');
    const v = await cli('validate', ...at, '--env', 'literal');
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`${name} database.password: a literal secret`);
    for (const out of [d.stdout, d.stderr, v.stdout, v.stderr]) expect(out).not.toMatch(/"cdc"|: cdc\b/);
  });

  it('status lists the connector RUNNING; pause and resume change it', async () => {
    const s = await cli('status', name);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(
      new RegExp(`^CONNECTOR +STATE +TASKS +WORKER +TRACE\\n${name} +RUNNING +0:RUNNING `),
    );

    expect(await cli('pause', name, '--dry-run')).toMatchObject({
      code: 0,
      stdout: `${name}: would pause\n`,
    });
    expect((await connect.status(name))?.connector.state).toBe('RUNNING');
    expect(await cli('pause', name)).toMatchObject({ code: 0, stdout: `${name}: paused\n` });
    await waitFor('PAUSED', async () => (await connect.status(name))?.connector.state === 'PAUSED');
    expect(await cli('resume', name)).toMatchObject({ code: 0, stdout: `${name}: resumed\n` });
    await waitFor('RUNNING again', async () => {
      const st = await connect.status(name);
      return st?.connector.state === 'RUNNING' && st.tasks.every((t) => t.state === 'RUNNING');
    });
  });

  it('apply stops at a failing connector with its trace (exit 1); restart --failed and a fixed apply recover', async () => {
    fs.writeFileSync(
      path.join(dir, 'env', 'broken.json'),
      JSON.stringify({ connectors: { [name]: { ...ROLLOUT, 'publication.name': 'no_such_publication' } } }),
    );
    const r = await cli('apply', ...at, '--env', 'broken', '--timeout', '60');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${name}: updated, NOT RUNNING`);
    expect(r.stdout).toMatch(/no_such_publication|publication/i);

    const st = await cli('status', name);
    expect(st.code).toBe(2);
    const restart = await cli('restart', '--failed', name, '--dry-run');
    expect(restart.stdout).toMatch(new RegExp(`^${name}: would restart .*task 0`));
    // A real restart: Connect takes it (202) and only the FAILED task is restarted (and fails again,
    // since its config is still broken).
    const real = await cli('restart', '--failed', name);
    expect(real).toMatchObject({ code: 0, stderr: '' });
    expect(real.stdout).toMatch(new RegExp(`^${name}: restarted .*task 0`));

    const fixed = await cli('apply', ...at, '--env', 'heartbeat');
    expect(fixed.stdout).toMatch(new RegExp(`^${name}: updated, RUNNING`));
    expect(fixed.code).toBe(0);
  });

  it('delete needs --yes; with it the connector is gone', async () => {
    const no = await cli('delete', name);
    expect(no.code).toBe(1);
    expect(no.stdout).toContain('nothing deleted: add --yes');
    expect(await connect.getConfig(name)).toBeDefined();
    const yes = await cli('delete', '--yes', name);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`${name}: deleted (replication slot ${copy.db} stays`);
    expect(await connect.getConfig(name)).toBeUndefined();
    // Connect answers a deleted connector's status from its status topic until the tombstone is
    // read back, so `status` reports it missing shortly after the delete, not at once.
    await waitFor(
      'status to report the deleted connector missing',
      async () => ((await cli('status', name)).code === 1 ? true : undefined),
      { timeoutMs: 30_000 },
    );
  });

  it('a Connect that accepts connections and never answers fails within the deadline', async () => {
    const held: net.Socket[] = [];
    const server = net.createServer((socket) => held.push(socket)); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const stalled = createConnectClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    const started = Date.now();
    try {
      const e = await stalled.list().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'connect-unavailable', retriable: true });
      expect((e as Error).message).toBe('GET /connectors: Kafka Connect gave no answer within 500 ms');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of held) socket.destroy();
      server.close();
    }
  });
});
