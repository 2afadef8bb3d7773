/**
 * `customer-view remap` (also `npm run cli -- remap`) as an operator runs it: the view was built with the shipped code maps, the
 * maps change, the CLI rebuilds from the stored facts (no Kafka replay) and publishes the status
 * changes it causes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import codeMapsJson from '../../mappings/code-maps.json';
import { REPO_ROOT } from '../../src/config/stack-config';
import { childEnv } from '../../src/config/endpoints';
import { createRegistryClient } from '../../src/schema-registry/registry-client';
import type { CustomerDoc } from '../../src/store/customer-doc';
import type { OrderDoc } from '../../src/store/order-docs';
import { endpoints } from './support/endpoints';
import { oracleView, viewAsOracle } from './support/oracle';
import { createTestPipeline } from './support/pipeline';
import { readTopic } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

describe('remap CLI', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const dbName = uniqueName('remap');
  const db = client.db(dbName);
  const pipeline = createTestPipeline({ db });
  const mapsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-remap-')), 'code-maps.json');

  beforeAll(async () => {
    await pipeline.start();
    const expected = JSON.stringify(await oracleView());
    await waitFor(
      'the demo view',
      async () => JSON.stringify(await viewAsOracle(db)) === expected || undefined,
      {
        timeoutMs: 90_000,
      },
    );
    await pipeline.stop();
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('rebuilds from stored facts with new code maps and publishes the status changes', async () => {
    const v2 = structuredClone(codeMapsJson);
    v2.version = 2;
    (v2.systems.oms['orders.state'] as Record<string, string>)['45'] = 'DELIVERED';
    // A changed meaning: dormant CRM customers now count as active.
    (v2.systems.crm['customers.cust_status'] as Record<string, string>).I = 'ACTIVE';
    fs.writeFileSync(mapsFile, JSON.stringify(v2));
    const before = await db.collection<OrderDoc>('orders').findOne({ rawState: 45 });
    expect(before?.status).toBe('UNKNOWN');

    const run = spawnSync(process.execPath, ['bin/customer-view.js', 'remap'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: childEnv(endpoints, {
        MONGO_DB: dbName,
        STATE_TOPIC: pipeline.stateTopic,
        CODE_MAPS_FILE: mapsFile,
      }),
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /remap with code maps v2 .* 10 customers rebuilt, 1 status changes \(1 published/,
    );

    const order = await db.collection<OrderDoc>('orders').findOne({ rawState: 45 });
    expect(order?.status).toBe('DELIVERED');
    const c1007 = await db.collection<CustomerDoc>('customers').findOne({ _id: '1007' });
    expect(c1007?.status).toMatchObject({ value: 'ACTIVE', rule: '5 ACTIVE: CRM code A' });
    expect(c1007?.status.evidence).toEqual([
      expect.objectContaining({ system: 'CRM', rawValue: 'I', meaning: 'ACTIVE' }),
    ]);
    expect(await db.collection('customers').countDocuments({ codeMapsVersion: { $ne: 2 } })).toBe(0);

    const registry = createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL });
    const reader = await readTopic(pipeline.stateTopic);
    try {
      await reader.until(
        'the remap event of 1007',
        (m) => m.filter((x) => x.key?.toString() === '1007').length >= 2,
      );
      const last = reader.messages.filter((x) => x.key?.toString() === '1007').at(-1)!;
      expect(await registry.decode(last.value as Buffer)).toMatchObject({
        customerId: '1007',
        status: 'ACTIVE',
        previousStatus: 'INACTIVE',
      });
    } finally {
      await reader.stop();
    }
  });

  it('explains usage and rejects an unknown command', () => {
    const help = spawnSync(process.execPath, ['bin/customer-view.js', 'remap', '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('customer-view remap [--customer ID]');
    const overview = spawnSync(process.execPath, ['bin/customer-view.js', '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(overview.stdout).toMatch(/^ {2}remap {2,}rebuild the view/m);
    // An unknown command is an error (1); 2 means "differences found" for every customer-view command.
    const bad = spawnSync(process.execPath, ['bin/customer-view.js', 'frobnicate'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown command: frobnicate');
  });
});
