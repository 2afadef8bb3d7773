/**
 * `customer-view dlq` on the real stack, with private legacy copies (CRM and OMS, each with its own
 * Debezium connector), a private billing topic, dead-letter topic and view database. The OMS sample
 * order 7 has state 45, which the committed code maps do not know: the processors store it as UNKNOWN
 * and dead-letter it. After the mapping is added (and the processors restarted with it), `dlq replay`
 * puts the original message back on its topic and the view has the order with its mapped status.
 */
import { MongoClient } from 'mongodb';
import codeMapsJson from '../../mappings/code-maps.json';
import { dlqCommand } from '../../src/cli/commands/dlq';
import type { CodeMapsFile } from '../../src/domain/code-maps';
import { createAdmin } from '../../src/kafka/kafka-client';
import type { CustomerDoc } from '../../src/store/customer-doc';
import { endpoints } from './support/endpoints';
import { createLegacyCopy, type LegacyCopy } from './support/legacy-db';
import { createTestPipeline } from './support/pipeline';
import { readTopic } from './support/topic-reader';
import { uniqueName, waitFor } from './support/wait-for';

const dlq = dlqCommand;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await dlq.run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The committed code maps with order state 45 added, as an operator would fix them. */
const fixedMaps = (): CodeMapsFile => {
  const maps = JSON.parse(JSON.stringify(codeMapsJson)) as CodeMapsFile & {
    systems: { oms: { 'orders.state': Record<string, string> } };
  };
  maps.version += 1;
  maps.systems.oms['orders.state']['45'] = 'SHIPPED';
  return maps;
};

describe('customer-view dlq', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('dlq_cli'));
  const dlqTopic = uniqueName('dlq');
  const billingTopic = uniqueName('billing_empty');
  const groupId = uniqueName('csv_dlq_cli');
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test-admin' });
  let crm: LegacyCopy;
  let oms: LegacyCopy;
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;
  let topic: string[];

  const start = async (codeMaps?: CodeMapsFile) => {
    pipeline = createTestPipeline({
      db,
      groupId,
      dlqTopic,
      topics: { crm: crm.topic, billing: billingTopic, oms: oms.topic },
      ...(codeMaps && { codeMaps }),
    });
    await pipeline.start();
  };
  const order7 = () => db.collection('orders').findOne({ rawState: 45 });

  /** The processors' group has consumed the OMS topic to its end. */
  const caughtUp = async () => {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(oms.topic),
      admin.fetchOffsets({ groupId, topics: [oms.topic] }),
    ]);
    return ends.every(
      (e) => committed[0]?.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
    );
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: billingTopic }], waitForLeaders: true });
    [crm, oms] = await Promise.all([createLegacyCopy('crm', 'json'), createLegacyCopy('oms', 'json')]);
    topic = ['--topic', dlqTopic];
    await start();
    await waitFor('order 7 stored as UNKNOWN', async () => (await order7())?.status === 'UNKNOWN', {
      timeoutMs: 90_000,
    });
    const reader = await readTopic(dlqTopic);
    try {
      await reader.until('the unknown-code dead letter', (m) => m.length >= 1);
    } finally {
      await reader.stop();
    }
    await pipeline!.stop();
    pipeline = undefined;
  });
  afterAll(async () => {
    await pipeline?.stop();
    await Promise.all([crm?.drop(), oms?.drop()]);
    await admin.deleteTopics({ topics: [dlqTopic, billingTopic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await client.close();
  });

  it('list counts the letters by reason and tabulates them', async () => {
    const r = await cli('list', ...topic);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${dlqTopic}: 1 dead letter (unknown-code 1)`);
    expect(lines[2]).toMatch(/^LETTER +FAILED AT +REASON +SOURCE +KEY +ERROR$/);
    expect(lines[3]).toMatch(new RegExp(`^0:0 +\\S+Z +unknown-code +${oms.topic}/0@\\d+ .*state=45`));

    const json = JSON.parse((await cli('list', ...topic, '--json')).stdout);
    expect(json).toMatchObject({
      topic: dlqTopic,
      total: 1,
      byReason: [{ reason: 'unknown-code', count: 1 }],
    });
    expect((await cli('list', ...topic, '--reason', 'malformed')).stdout).toBe(
      `${dlqTopic}: no dead letters match\n`,
    );
    expect((await cli('list', ...topic, '--since', '2999-01-01T00:00:00Z', '--json')).stdout).toContain(
      '"total": 0',
    );
  });

  it('show prints one letter whole', async () => {
    const r = await cli('show', '0:0', ...topic);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('reason     unknown-code');
    expect(r.stdout).toMatch(new RegExp(`source     ${oms.topic} partition 0 offset \\d+`));
    expect(r.stdout).toContain('"state": 45');
    const json = JSON.parse((await cli('show', '0:0', ...topic, '--json')).stdout);
    expect(JSON.parse(json.value).payload.after.state).toBe(45);
    expect(await cli('show', '0:99', ...topic)).toMatchObject({ code: 1 });
  });

  it('after the mapping is added, replay puts the order in the view with its status; a second replay changes nothing', async () => {
    const dry = await cli('replay', ...topic, '--dry-run');
    expect(dry.stdout).toBe(
      `would replay 1 of 1 dead letter from ${dlqTopic}\n  1 onto ${oms.topic}\ndry run: nothing produced\n`,
    );
    expect(await caughtUp()).toBe(true);

    await start(fixedMaps());
    const r = await cli('replay', ...topic, '--reason', 'unknown-code');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`replayed 1 of 1 dead letter from ${dlqTopic}\n  1 onto ${oms.topic}\n`);
    const replayed = await waitFor('order 7 mapped', async () => {
      const o = await order7();
      return o?.status === 'SHIPPED' ? o : undefined;
    });
    expect(replayed).toMatchObject({ orderNo: 'SO2017000007', custId: '1007' });
    const customer = await db.collection<CustomerDoc>('customers').findOne({ _id: '1007' });
    expect(customer?.orderNos).toContain('SO2017000007');

    // The replayed message carries its mark.
    const reader = await readTopic(oms.topic);
    try {
      const [mark] = await reader.until('the replayed message', (m) =>
        m.some((x) => x.headers?.['csv.replayed.from']),
      );
      expect(mark).toBeDefined();
      const last = reader.messages.find((x) => x.headers?.['csv.replayed.from']);
      expect(last?.headers?.['csv.replayed.from']?.toString()).toBe(`${dlqTopic}/0:0`);
    } finally {
      await reader.stop();
    }

    // Again: the same message once more. Its fact is stored at that position already, so nothing in
    // the view moves; the processors redo a redelivered change's derived writes by design (a crash
    // between the fact and its customer must not leave the customer stale), which rewrites the
    // customer's bookkeeping (revision, writer, time) with the same content and publishes nothing.
    const content = async () => {
      const c = await db.collection<CustomerDoc>('customers').findOne({ _id: '1007' });
      const doc = { ...((c ?? {}) as Record<string, unknown>) };
      for (const bookkeeping of ['rev', 'updatedAt', 'writer']) delete doc[bookkeeping];
      return doc;
    };
    const published = async () =>
      (await admin.fetchTopicOffsets(pipeline!.stateTopic)).reduce((n, p) => n + Number(p.high), 0);
    await waitFor('the processors caught up', caughtUp);
    await waitFor('status events published', async () => (await content()).pendingEvents?.toString() === '');
    const before = { order: await order7(), customer: await content(), published: await published() };
    const again = await cli('replay', ...topic);
    expect(again.stdout).toBe(`replayed 1 of 1 dead letter from ${dlqTopic}\n  1 onto ${oms.topic}\n`);
    await waitFor('the processors caught up again', caughtUp);
    expect(await order7()).toEqual(before.order);
    expect(await content()).toEqual(before.customer);
    expect(await published()).toBe(before.published);
  });

  it('a missing topic is an error naming it', async () => {
    const r = await cli('list', '--topic', uniqueName('no_such_dlq'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[kafka-failed\]: no topic no_such_dlq_/);
  });
});
