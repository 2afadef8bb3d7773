/**
 * Synthetic Debezium JSON change events in the envelope of the captured fixtures (keys and values
 * varied), produced once on private 3-partition topics that every consumer of the throughput
 * comparison then reads: customers each with a billing account (half linked by crm_ref, half by
 * email) and orders, every row written in several versions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config/stack-config';
import type { Producer } from '../../src/kafka/kafka-client';

export type SyntheticTopic = 'crm' | 'billing' | 'oms';

export interface SyntheticOptions {
  customers: number;
  /** Versions of each row (1 create + updates). */
  versions: number;
  ordersPerCustomer: number;
}

export interface SyntheticEvent {
  topic: SyntheticTopic;
  key: string;
  value: string;
  /** The row's primary key (the Debezium key's only field). */
  id: string | number;
  /** The row after this change. */
  after: Record<string, unknown>;
}

/** The key field of each table: what a sink renames to `_id`. */
export const KEY_FIELDS: Record<SyntheticTopic, string> = {
  crm: 'cust_id',
  billing: 'account_no',
  oms: 'id',
};

type Template = {
  key: { schema: unknown; payload: Record<string, unknown> };
  value: { schema: unknown; payload: Record<string, unknown> };
};

function template(system: string, table: string): Template {
  const file = path.join(REPO_ROOT, 'test/fixtures/debezium', system, table, 'json', '04-update.json');
  const f = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; value: string };
  return {
    key: JSON.parse(Buffer.from(f.key, 'base64').toString()),
    value: JSON.parse(Buffer.from(f.value, 'base64').toString()),
  };
}

/** One change event per row version, positions increasing in production order. */
export function* syntheticEvents(o: SyntheticOptions): Generator<SyntheticEvent> {
  const crm = template('crm', 'customers');
  const billing = template('billing', 'accounts');
  const oms = template('oms', 'orders');
  const codes = ['P', 'A', 'A', 'I'];
  const states = ['OPEN', 'GRACE', 'OPEN', 'DUNNING'];
  let lsn = 1_000_000_000n;
  let binlogPos = 4;
  const now = Date.now();
  const msg = (
    topic: SyntheticTopic,
    t: Template,
    id: string | number,
    afterFields: Record<string, unknown>,
    source: Record<string, unknown>,
    op: string,
  ): SyntheticEvent => {
    const after = { ...(t.value.payload.after as object), ...afterFields };
    return {
      topic,
      id,
      after,
      key: JSON.stringify({ schema: t.key.schema, payload: { [KEY_FIELDS[topic]]: id } }),
      value: JSON.stringify({
        schema: t.value.schema,
        payload: {
          ...t.value.payload,
          op,
          before: null,
          after,
          source: { ...(t.value.payload.source as object), ...source },
        },
      }),
    };
  };
  for (let v = 0; v < o.versions; v++) {
    const op = v === 0 ? 'c' : 'u';
    for (let c = 0; c < o.customers; c++) {
      const custId = 100_000 + c;
      binlogPos += 500;
      yield msg(
        'crm',
        crm,
        custId,
        {
          cust_id: custId,
          cust_name: `Bench ${c}`,
          email: `bench.${c}@example.cn`,
          cust_status: codes[(c + v) % codes.length],
          vip_level: c % 4,
        },
        { file: 'mariadb-bin.000009', pos: binlogPos, row: 0, ts_ms: now, gtid: null },
        op,
      );
      lsn += 100n;
      const accountNo = `BB${String(c).padStart(8, '0')}`;
      yield msg(
        'billing',
        billing,
        accountNo,
        {
          account_no: accountNo,
          // Half the accounts attach by crm_ref, half by email, as in the migrated 2016 accounts.
          crm_ref: c % 2 === 0 ? String(custId) : null,
          contact_email: `bench.${c}@example.cn`,
          acct_state: states[(c + v) % states.length],
        },
        { lsn: Number(lsn), sequence: JSON.stringify([String(lsn), String(lsn)]), ts_ms: now },
        op,
      );
      for (let i = 0; i < o.ordersPerCustomer; i++) {
        lsn += 100n;
        const id = c * o.ordersPerCustomer + i + 1;
        yield msg(
          'oms',
          oms,
          id,
          {
            id,
            order_no: `SB${String(id).padStart(10, '0')}`,
            buyer_code: `C${custId}`,
            state: [10, 20, 30, 40, 50][(i + v) % 5],
            total_fen: 1000 + id,
          },
          { lsn: Number(lsn), sequence: JSON.stringify([String(lsn), String(lsn)]), ts_ms: now },
          op,
        );
      }
    }
  }
}

/** Each row's last version, per topic: what a row-copying sink must end with. */
export function finalRows(
  events: Iterable<SyntheticEvent>,
): Record<SyntheticTopic, Map<string, SyntheticEvent>> {
  const out: Record<SyntheticTopic, Map<string, SyntheticEvent>> = {
    crm: new Map(),
    billing: new Map(),
    oms: new Map(),
  };
  for (const e of events) out[e.topic].set(String(e.id), e);
  return out;
}

/** Produces the events on `topics` in order (batches stay under the broker's 1 MB request limit). */
export async function produceEvents(
  producer: Producer,
  topics: Record<SyntheticTopic, string>,
  events: SyntheticEvent[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 250) {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const e of events.slice(i, i + 250)) {
      const t = topics[e.topic];
      const list = byTopic.get(t) ?? [];
      list.push({ key: e.key, value: e.value });
      byTopic.set(t, list);
    }
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
