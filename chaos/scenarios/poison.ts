/**
 * (6) Poison on the source topics: malformed JSON, wrong types, a value over 5 MB, unknown codes
 * (written by SQL, so Debezium carries them), a tombstone with no delete before it, and an Avro
 * frame naming a schema id the registry does not know. Each must be dead-lettered (or, the
 * tombstone, ignored) without stopping the pipeline or touching the view.
 */
import type { Scenario } from '../scenario';
import { produceOnto, readSource } from './source-records';

/** Big enough to be over 5 MB, under the topic limit the scenario sets. */
const HUGE_BYTES = 5 * 1024 * 1024 + 512 * 1024;
const TOPIC_MAX_BYTES = 8 * 1024 * 1024;
/** kafkajs' ConfigResourceTypes.TOPIC (kafkajs itself is imported only by src/kafka). */
const TOPIC_RESOURCE = 2;

interface DebeziumJson {
  schema?: unknown;
  payload: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; op: string };
}

export const poison: Scenario = {
  id: 'poison',
  title: 'poison messages on the source topics',
  proves:
    'bad input is dead-lettered with its reason and loses nothing else: the pipeline keeps going and the view stays equal to the oracle',
  quick: true,
  async inject({ world, log }) {
    const topic = world.topics.crm;
    // The broker's default limit is 1 MB; a source topic must allow the big value to get it there at all.
    await world.admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: TOPIC_RESOURCE as never,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_BYTES) }],
        },
      ],
    });
    const records = await readSource(world, topic);
    const template = [...records]
      .reverse()
      .find((r) => r.value && r.key && (JSON.parse(r.value.toString()) as DebeziumJson).payload.after);
    if (!template?.key || !template.value) throw new Error(`no change event on ${topic} to model poison on`);
    const key = JSON.parse(template.key.toString()) as { schema?: unknown; payload: Record<string, unknown> };
    const value = JSON.parse(template.value.toString()) as DebeziumJson;
    const fake = (id: number, after: Record<string, unknown>) => ({
      key: JSON.stringify({ ...key, payload: { cust_id: id } }),
      value: JSON.stringify({ ...value, payload: { ...value.payload, op: 'c', before: null, after } }),
    });
    const after = value.payload.after ?? {};
    const base = 990_000_000;
    await produceOnto(world, topic, [
      // malformed JSON
      {
        key: JSON.stringify({ ...key, payload: { cust_id: base + 1 } }),
        value: '{"schema": {"type": "struct", "fie',
      },
      // wrong types: a text id, a numeric status
      fake(base + 2, { ...after, cust_id: 'not-a-number', cust_status: 7 }),
      // over 5 MB: an id of 5.5 MB of digits
      fake(base + 3, { ...after, cust_id: '9'.repeat(HUGE_BYTES) }),
      // a tombstone without a delete, on a row that exists
      { key: template.key, value: null },
      // an Avro frame whose schema id the registry never issued
      {
        key: JSON.stringify({ ...key, payload: { cust_id: base + 4 } }),
        value: Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0x01]), Buffer.from('not avro at all')]),
      },
    ]);
    // Unknown codes come from the source itself: two orders moved to states the code maps do not know.
    const orders = (await world.legacy.sql(
      'oms',
      world.dbs.oms,
      'UPDATE orders SET state = CASE WHEN id % 2 = 0 THEN 45 ELSE 99 END WHERE id IN (SELECT id FROM orders ORDER BY id DESC LIMIT 2) RETURNING order_no, state',
    )) as { order_no: string; state: number }[];
    world.injectSql('oms', orders.length);
    log(`  5 poison records on ${topic}; orders ${orders.map((o) => `${o.order_no}=${o.state}`).join(', ')}`);
    return {
      detail: `malformed JSON, wrong types, ${(HUGE_BYTES / 1024 / 1024).toFixed(1)} MB value, tombstone without delete, unknown schema id on ${topic}; ${orders.length} unknown order states by SQL`,
      expectedDeadLetters: { malformed: 1, 'unknown-schema': 1, 'unknown-code': orders.length },
      allowedDeadLetters: ['bad-value', 'missing-field'],
    };
  },
};
