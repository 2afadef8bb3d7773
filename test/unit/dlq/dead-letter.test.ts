import { DLQ_MAX_VALUE_BYTES, deadLetterRecord } from '../../../src/processors/dead-letters';
import {
  countByReason,
  matches,
  parseCoordinates,
  parseDeadLetter,
  printable,
  shortKey,
} from '../../../src/dlq/dead-letter';
import { planReplay } from '../../../src/dlq/replay-plan';
import type { StoredRecord } from '../../../src/kafka/kafka-client';

/** A record as the processors write it (deadLetterRecord), as it reads back from Kafka. */
function stored(
  at: { partition: number; offset: string },
  original: { topic: string; partition: number; offset: string },
  reason: string,
  extraHeaders: Record<string, string> = {},
): StoredRecord {
  const own: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(extraHeaders)) own[k] = Buffer.from(v);
  const r = deadLetterRecord({
    message: {
      ...original,
      key: Buffer.from(`{"id":${original.offset}}`),
      value: Buffer.from('{"op":"u"}'),
      ...(Object.keys(own).length > 0 && { headers: own }),
    },
    reason,
    detail: `state=45 in ${original.topic}`,
  });
  const headers: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k] = Buffer.from(v);
  return { ...at, timestamp: '0', key: r.key, value: r.value, headers };
}

const orders = { topic: 'oms.public.orders', partition: 0, offset: '7' };

describe('parseDeadLetter', () => {
  it('keeps the original message headers, and the dead-letter ones win a clash', () => {
    const l = parseDeadLetter(
      stored({ partition: 0, offset: '0' }, orders, 'unknown-code', {
        traceparent: '00-abc',
        'csv.reason': 'forged',
      }),
    );
    expect(l.reason).toBe('unknown-code');
    expect(l.originalHeaders).toEqual({ traceparent: Buffer.from('00-abc') });
  });

  it('reads back what deadLetterRecord wrote', () => {
    const l = parseDeadLetter(
      stored({ partition: 1, offset: '3' }, orders, 'unknown-code', { traceparent: 't' }),
    );
    expect(l).toMatchObject({
      at: '1:3',
      reason: 'unknown-code',
      error: 'state=45 in oms.public.orders',
      source: orders,
    });
    expect(l.key?.toString()).toBe('{"id":7}');
    expect(Object.keys(l.originalHeaders)).toEqual(['traceparent']);
    expect(Date.parse(l.failedAt)).not.toBeNaN();
  });

  it('leaves out a value too big for the dead-letter topic, says its size, and is never replayed', () => {
    const big = deadLetterRecord({
      message: {
        topic: 'crm.crm.customers',
        partition: 0,
        offset: '5',
        key: Buffer.from('{"id":1}'),
        value: Buffer.alloc(DLQ_MAX_VALUE_BYTES + 1, 0x39),
      },
      reason: 'bad-value',
      detail: 'column cust_id is out of the 64-bit range',
    });
    expect(big.value).toBeNull();
    const record: StoredRecord = {
      partition: 0,
      offset: '4',
      timestamp: '0',
      key: big.key,
      value: null,
      headers: Object.fromEntries(Object.entries(big.headers).map(([k, v]) => [k, Buffer.from(String(v))])),
    };
    const letter = parseDeadLetter(record);
    expect(letter).toMatchObject({ valueOmitted: DLQ_MAX_VALUE_BYTES + 1, reason: 'bad-value' });
    expect(letter.originalHeaders).toEqual({});
    const plan = planReplay([letter], 'dlq', new Date());
    expect(plan).toMatchObject({ messages: [], unplaceable: ['0:4'] });
  });

  it('has no source when the coordinates are missing or broken', () => {
    const r = stored({ partition: 0, offset: '1' }, orders, 'malformed');
    delete r.headers['csv.original.offset'];
    expect(parseDeadLetter(r).source).toBeUndefined();
    const bad = stored({ partition: 0, offset: '1' }, { ...orders, partition: -1 }, 'malformed');
    expect(parseDeadLetter(bad).source).toBeUndefined();
  });
});

describe('filters and counts', () => {
  const letters = [
    {
      ...parseDeadLetter(stored({ partition: 0, offset: '0' }, orders, 'unknown-code')),
      failedAt: '2026-11-29T10:00:00.000Z',
    },
    {
      ...parseDeadLetter(stored({ partition: 0, offset: '1' }, orders, 'malformed')),
      failedAt: '2026-11-29T11:00:00.000Z',
    },
    {
      ...parseDeadLetter(stored({ partition: 0, offset: '2' }, orders, 'unknown-code')),
      failedAt: '2026-11-29T12:00:00.000Z',
    },
  ];

  it('--since and --reason', () => {
    expect(
      letters.filter((l) => matches(l, { since: new Date('2026-11-29T11:00:00Z') })).map((l) => l.at),
    ).toEqual(['0:1', '0:2']);
    expect(letters.filter((l) => matches(l, { reason: 'unknown-code' })).map((l) => l.at)).toEqual([
      '0:0',
      '0:2',
    ]);
  });

  it('counts by reason, most frequent first', () => {
    expect(countByReason(letters)).toEqual([
      { reason: 'unknown-code', count: 2 },
      { reason: 'malformed', count: 1 },
    ]);
  });

  it('parses partition:offset', () => {
    expect(parseCoordinates('2:0042')).toEqual({ partition: 2, offset: '42' });
    expect(parseCoordinates('2')).toBeUndefined();
    expect(parseCoordinates('a:1')).toBeUndefined();
  });

  it('shortens JSON-with-schema keys to their payload', () => {
    expect(shortKey(Buffer.from('{"schema":{"type":"struct"},"payload":{"id":7}}'))).toBe('{"id":7}');
    expect(shortKey(Buffer.from('plain'))).toBe('plain');
    expect(shortKey(null)).toBe('null');
  });

  it('prints text as text and bytes as base64', () => {
    expect(printable(Buffer.from('{"a":1}'))).toBe('{"a":1}');
    expect(printable(Buffer.from([0, 0, 0, 0, 1, 2]))).toBe('base64:AAAAAAEC');
    expect(printable(null)).toBeNull();
  });
});

describe('planReplay', () => {
  const now = new Date('2026-11-29T13:00:00Z');

  it('sends each original back to its topic and partition with key, value, own headers and replay marks', () => {
    const plan = planReplay(
      [
        parseDeadLetter(
          stored({ partition: 0, offset: '5' }, { ...orders, partition: 2 }, 'unknown-code', { h: 'v' }),
        ),
      ],
      'customer-state-view.dlq',
      now,
    );
    expect(plan.duplicates).toEqual([]);
    expect(plan.messages).toHaveLength(1);
    const [m] = plan.messages;
    expect(m).toMatchObject({
      topic: 'oms.public.orders',
      partition: 2,
      letter: '0:5',
      original: 'oms.public.orders/2@7',
    });
    expect(m?.key?.toString()).toBe('{"id":7}');
    expect(m?.value?.toString()).toBe('{"op":"u"}');
    expect(m?.headers).toEqual({
      h: Buffer.from('v'),
      'csv.replayed.from': 'customer-state-view.dlq/0:5',
      'csv.replayed.at': '2026-11-29T13:00:00.000Z',
    });
  });

  it('replays an original once per run however many letters it has; skips letters without coordinates', () => {
    const broken = stored({ partition: 0, offset: '9' }, orders, 'malformed');
    delete broken.headers['csv.original.topic'];
    const plan = planReplay(
      [
        parseDeadLetter(stored({ partition: 0, offset: '1' }, orders, 'unknown-code')),
        parseDeadLetter(stored({ partition: 1, offset: '1' }, orders, 'unknown-code')),
        parseDeadLetter(stored({ partition: 0, offset: '2' }, { ...orders, offset: '8' }, 'unknown-code')),
        parseDeadLetter(broken),
      ],
      'dlq',
      now,
    );
    expect(plan.messages.map((m) => m.original)).toEqual(['oms.public.orders/0@7', 'oms.public.orders/0@8']);
    expect(plan.duplicates).toEqual(['1:1']);
    expect(plan.unplaceable).toEqual(['0:9']);
  });
});
