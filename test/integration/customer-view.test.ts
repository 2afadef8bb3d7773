/**
 * `customer-view processors` and `customer-view api` as an operator starts them (bin/customer-view.js):
 * a missing endpoint or a taken port stops the start with a message naming the variable, having
 * started nothing; the processors need only Kafka, the registry and MongoDB, and commit and exit 0 on
 * SIGTERM; the API alone answers /healthz, /readyz and a query against the stack's MongoDB, and drains
 * on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { MongoClient } from 'mongodb';
import { seedView, seedCustomerId } from '../../bench/graphql-seed';
import { freePort } from '../../harness/free-port';
import { childEnv } from '../../src/config/endpoints';
import { REPO_ROOT } from '../../src/config/stack-config';
import { createAdmin } from '../../src/kafka/kafka-client';
import { endpoints } from './support/endpoints';
import { uniqueName, waitFor } from './support/wait-for';

const BIN = 'bin/customer-view.js';
/** PATH and HOME of this process (childEnv reads them in src/config); no endpoint of ours. */
const inherited = childEnv(endpoints);

/** Only what the operator set: PATH and HOME, plus `env` (no endpoint falls back to .stack/). */
function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { PATH: inherited.PATH ?? '', HOME: inherited.HOME ?? '', ...env },
    timeout: 60_000,
  });
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('customer-view processors', () => {
  it('exits 1 naming every missing endpoint, and starts nothing', async () => {
    const port = await freePort();
    const group = uniqueName('cv_missing');
    const r = run(['processors'], {
      KAFKA_BROKERS: endpoints.KAFKA_BROKERS.join(','),
      PROCESSOR_GROUP_ID: group,
      PROCESSOR_HTTP_PORT: String(port),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SCHEMA_REGISTRY_URL: is not set/);
    expect(r.stderr).toMatch(/MONGO_URL: is not set/);
    expect(r.stderr).not.toMatch(/KAFKA_BROKERS/);
    // The legacy databases' URLs are not the processors' business.
    expect(r.stderr).not.toMatch(/CRM_MARIADB_URL|BILLING_PG_URL|OMS_PG_URL|CONNECT_URL/);
    expect(r.stdout).toBe('');
    expect(await listening(port)).toBe(false);
    const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'cv-test' });
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      expect(groups.map((g) => g.groupId)).not.toContain(group);
    } finally {
      await admin.disconnect();
    }
  });

  it('exits 1 naming PROCESSOR_HTTP_PORT when the port is taken', async () => {
    const holder = http.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const r = run(['processors'], {
        ...childEnv(endpoints),
        MONGO_DB: uniqueName('cv_port'),
        PROCESSOR_GROUP_ID: uniqueName('cv_port'),
        PROCESSOR_HTTP_PORT: String(port),
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error: PROCESSOR_HTTP_PORT ${port} is in use on 127.0.0.1`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });
});

describe('customer-view processors, running', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const name = uniqueName('cv_run');
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));
    }
    await client.db(name).dropDatabase();
    await client.close();
  });

  it('reads the demo topics into its view, turns ready, and on SIGTERM commits and exits 0', async () => {
    const port = await freePort();
    const env = childEnv(endpoints, {
      MONGO_DB: name,
      PROCESSOR_GROUP_ID: name,
      DLQ_TOPIC: `${name}_dlq`,
      STATE_TOPIC: `${name}_state`,
      PROCESSOR_HTTP_PORT: String(port),
      LOG_FORMAT: 'json',
    });
    // The legacy databases' URLs are not needed: the processors never see them.
    for (const k of ['CRM_MARIADB_URL', 'BILLING_PG_URL', 'OMS_PG_URL', 'CONNECT_URL']) delete env[k];
    child = spawn(process.execPath, [BIN, 'processors'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      '/readyz and the demo customers in the view',
      async () =>
        (await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        )) && (await client.db(name).collection('customers').countDocuments()) === 10,
      { timeoutMs: 90_000 },
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n${output}`);
    });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"event":"stopping".*"signal":"SIGTERM"/);
    expect(output).toMatch(/"event":"stopped"/);
    expect(await listening(port)).toBe(false);
    const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'cv-test' });
    await admin.connect();
    try {
      const [crm] = await admin.fetchOffsets({ groupId: name, topics: ['crm.crm.customers'] });
      expect(crm?.partitions.every((p) => Number(p.offset) > 0)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('customer-view api', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const dbName = uniqueName('cv_api');
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));
    }
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('fails without MONGO_URL, then serves /healthz, /readyz and queries, and drains on SIGTERM', async () => {
    const missing = run(['api'], { KAFKA_BROKERS: endpoints.KAFKA_BROKERS.join(',') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/MONGO_URL: is not set/);
    expect(missing.stderr).not.toMatch(/CONNECT_URL/);

    await seedView(client.db(dbName), { customers: 3, ordersPerCustomer: 1 });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Without CONNECT_URL: optional, only the pipeline query's connector states need it.
    const env = childEnv(endpoints, { MONGO_DB: dbName, GRAPHQL_PORT: String(port), LOG_FORMAT: 'json' });
    delete env.CONNECT_URL;
    child = spawn(process.execPath, [BIN, 'api'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

    await waitFor(
      '/healthz',
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      {
        timeoutMs: 60_000,
      },
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n${output}`);
    });
    // Alive first, ready once started (the view located, its indexes made): a balancer waits for that.
    const ready = await waitFor(
      '/readyz',
      () =>
        fetch(`${base}/readyz`).then(
          (r) => (r.status === 200 ? r : undefined),
          () => undefined,
        ),
      { timeoutMs: 60_000 },
    );
    expect(await ready.json()).toMatchObject({
      ok: true,
      checks: { started: true, mongo: true, draining: false },
    });

    const id = seedCustomerId(2);
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ customer(id: "${id}") { crmId status { value } } }` }),
    });
    const body = (await res.json()) as { data?: { customer: { crmId: string } | null }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.customer?.crmId).toBe(id);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"event":"stopping".*"signal":"SIGTERM"/);
    expect(await listening(port)).toBe(false);
  });
});
