/**
 * The processor as a real process (`src/main.ts`) on private copies of the legacy databases:
 * killed with SIGKILL while changes flow, restarted, and the whole view must still equal the
 * oracle computed from the tables. Offsets committed only after the write, and position-guarded
 * idempotent writes, are what make this hold.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { freePort } from '../../harness/free-port';
import { REPO_ROOT } from '../../src/config/stack-config';
import { childEnv } from '../../src/config/endpoints';
import { endpoints } from './support/endpoints';
import { churnStep, createLegacyCopy, type LegacyCopy } from './support/legacy-db';
import { oracleView, viewAsOracle } from './support/oracle';
import { uniqueName, waitFor } from './support/wait-for';

describe('processor killed with SIGKILL mid-stream', () => {
  const copies: LegacyCopy[] = [];
  const mongoDb = uniqueName('crash');
  const client = new MongoClient(endpoints.MONGO_URL);
  let child: ChildProcess | undefined;
  let output = '';
  let graphqlPort = 0;
  let processorPort = 0;

  function startProcessor(): ChildProcess {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    const env = childEnv(endpoints, {
      PROCESSOR_GROUP_ID: `${mongoDb}_group`,
      DLQ_TOPIC: `${mongoDb}_dlq`,
      STATE_TOPIC: `${mongoDb}_state`,
      // Its own ports, so a running `npm start` (4000 and 9400) does not stop the child.
      GRAPHQL_PORT: String(graphqlPort),
      PROCESSOR_HTTP_PORT: String(processorPort),
      MONGO_DB: mongoDb,
      CRM_TOPIC: crm.topic,
      BILLING_TOPIC: billing.topic,
      OMS_TOPIC: oms.topic,
      LOG_FORMAT: 'json',
    });
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    return proc;
  }

  const view = () => viewAsOracle(client.db(mongoDb));

  beforeAll(async () => {
    graphqlPort = await freePort();
    processorPort = await freePort();
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null && child.signalCode === null)
      await new Promise((r) => child?.once('exit', r));
    for (const c of copies) await c.drop().catch(() => undefined);
    await client
      .db(mongoDb)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  });

  it('converges to the oracle after a SIGKILL and a restart', async () => {
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    child = startProcessor();
    await waitFor(
      'the first batches in the view',
      async () => (await client.db(mongoDb).collection('customers').countDocuments()) >= 10,
      { timeoutMs: 60_000 },
    );

    // Keep changing all three systems, and kill the processor while it works through them.
    const writes = (async () => {
      for (let i = 0; i < 60; i++) {
        await churnStep({ crm: crm.db, billing: billing.db, oms: oms.db }, i);
        if (i === 30) child?.kill('SIGKILL');
      }
    })();
    await writes;
    await waitFor(
      'the killed processor to be gone',
      () => child?.exitCode !== null || child?.signalCode !== null,
    );
    child = startProcessor();

    const expected = await oracleView({ crm: crm.db, billing: billing.db, oms: oms.db });
    await waitFor(
      'the view to match the oracle',
      async () => JSON.stringify(await view()) === JSON.stringify(expected) || undefined,
      {
        timeoutMs: 120_000,
      },
    ).catch(async () => {
      expect({ view: await view(), log: output.split('\n').slice(-20) }).toEqual({ view: expected, log: [] });
    });
    expect(Object.keys(expected)).toHaveLength(10);
  });
});
