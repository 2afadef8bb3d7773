import { createDecoder } from '../../../../src/processors/decode/decode-message';
import type { ChangeEvent, RawMessage } from '../../../../src/processors/decode/change-event';
import { fixtureAvroDecoder, loadFixtures } from '../../../support/fixtures';
import { AppError } from '../../../../src/shared/errors';

const fixtures = loadFixtures();
const decoder = createDecoder({ decodeAvro: fixtureAvroDecoder(fixtures) });
const PK: Record<string, string> = { crm: 'cust_id', billing: 'account_no', oms: 'id' };
const text = (v: unknown) => (v === null || v === undefined ? v : String(v));

describe('decoding captured Debezium messages', () => {
  it('has fixtures of every system in both formats', () => {
    expect(new Set(fixtures.map((f) => `${f.system}/${f.format}`))).toEqual(
      new Set(['crm/json', 'crm/avro', 'billing/json', 'billing/avro', 'oms/json', 'oms/avro']),
    );
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s decodes', async (_file, f) => {
    const result = await decoder.decode(f.message);
    if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
    const pk = PK[f.system] as string;
    expect(result.event.key[pk]).toBeDefined();
    if (f.name.includes('tombstone')) {
      expect(result.event.kind).toBe('tombstone');
      return;
    }
    const event = result.event as ChangeEvent;
    const expectedOp = f.name.startsWith('snapshot')
      ? 'r'
      : f.name.includes('delete')
        ? 'd'
        : f.name.includes('create')
          ? 'c'
          : 'u';
    expect(event.op).toBe(expectedOp);
    expect(event.position.snapshot).toBe(expectedOp === 'r');
    expect(event.position.kind).toBe(f.system === 'crm' ? 'mariadb' : 'postgres');
    const row = event.op === 'd' ? event.before : event.after;
    expect(text(row?.[pk])).toBe(text(event.key[pk]));
    expect(event.source.tsMs).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it.each(['crm', 'billing', 'oms'])('gives %s the same rows from JSON and from Avro', async (system) => {
    const decodeAll = async (format: string) =>
      Promise.all(
        fixtures
          .filter((f) => f.system === system && f.format === format && !f.name.includes('tombstone'))
          .map(async (f) => {
            const r = await decoder.decode(f.message);
            const e = (r.ok ? r.event : null) as ChangeEvent;
            const row = e.op === 'd' ? e.before : e.after;
            // Only columns our statements set: timestamps written by now() differ between the two captures.
            const stable = Object.fromEntries(
              Object.entries(row ?? {})
                .filter(([k]) => !/(_at)$/.test(k))
                .map(([k, v]) => [k, text(v)]),
            );
            return `${f.name} ${e.op} ${JSON.stringify(stable)}`;
          }),
      );
    expect(await decodeAll('avro')).toEqual(await decodeAll('json'));
  });

  it.each(['crm', 'billing', 'oms'].flatMap((s) => ['json', 'avro'].map((fmt) => [s, fmt])))(
    'orders %s %s events by source position as they were committed',
    async (system, format) => {
      const events: ChangeEvent[] = [];
      for (const f of fixtures.filter((x) => x.system === system && x.format === format)) {
        const r = await decoder.decode(f.message);
        if (r.ok && r.event.kind === 'change') events.push(r.event);
      }
      const keys = events.map((e) => e.position.key);
      // Non-decreasing: a primary-key change emits its delete and create at one position.
      expect([...keys].sort()).toEqual(keys);
      expect(keys[0]! < keys[keys.length - 1]!).toBe(true);
    },
  );

  it('keeps bigint columns exact in JSON beyond 2^53', async () => {
    const f = fixtures.find((x) => x.system === 'oms' && x.format === 'json' && x.name === 'create')!;
    const r = await decoder.decode(f.message);
    const total = (r.ok && r.event.kind === 'change' ? r.event.after?.total_fen : undefined) as
      number | bigint;
    expect(String(total)).toBe('123456789012');
  });
});

describe('rejecting bad input without throwing', () => {
  const base = fixtures.find(
    (f) => f.system === 'billing' && f.format === 'json' && f.name === 'update',
  )!.message;
  const withValue = (value: string | Buffer | null, key: Buffer | null = base.key): RawMessage => ({
    ...base,
    key,
    value: typeof value === 'string' ? Buffer.from(value) : value,
  });

  it.each([
    ['a message without key', withValue('{}', null), 'missing-field'],
    ['bytes that are neither JSON nor Avro', withValue('hello'), 'unknown-format'],
    ['broken JSON', withValue('{"op": '), 'malformed'],
    ['a truncated Avro frame', withValue(Buffer.from([0, 0, 0])), 'malformed'],
    [
      'an Avro frame with an unknown schema id',
      withValue(Buffer.from([0, 0, 0, 0x7f, 0x7f, 1])),
      'unknown-schema',
    ],
    ['JSON that is not an envelope', withValue('{"payload": 1}'), 'missing-field'],
    [
      'an unknown op',
      withValue('{"op":"x","source":{"connector":"postgresql","db":"b","table":"t","ts_ms":1,"lsn":1}}'),
      'unknown-op',
    ],
    [
      'an update without after',
      withValue('{"op":"u","source":{"connector":"postgresql","db":"b","table":"t","ts_ms":1,"lsn":1}}'),
      'missing-field',
    ],
    [
      'a source without position',
      withValue('{"op":"c","after":{},"source":{"connector":"mariadb","db":"b","table":"t","ts_ms":1}}'),
      'missing-field',
    ],
    [
      'an unknown connector',
      withValue('{"op":"c","after":{},"source":{"connector":"oracle","db":"b","table":"t","ts_ms":1}}'),
      'missing-field',
    ],
  ])('rejects %s', async (_what, message, reason) => {
    const result = await decoder.decode(message);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('ignores an added column', async () => {
    const body = JSON.parse(base.value!.toString()) as { payload: { after: Record<string, unknown> } };
    body.payload.after.new_column = 'x';
    const result = await decoder.decode(withValue(JSON.stringify(body)));
    expect(result.ok).toBe(true);
  });
});

describe('decoder: registry failures', () => {
  const avroFrame = Buffer.from([0, 0, 0, 0, 7, 1, 2, 3]);
  const message = {
    topic: 't',
    partition: 0,
    offset: '0',
    key: Buffer.from('{"id":1}'),
    value: avroFrame,
  };

  it('throws a retriable error when the registry is unavailable, so the batch is re-read', async () => {
    const decoder = createDecoder({
      decodeAvro: async () => {
        throw new AppError('registry-unavailable', 'connect ECONNREFUSED', { retriable: true });
      },
    });
    await expect(decoder.decode(message)).rejects.toMatchObject({ code: 'registry-unavailable' });
  });

  it('rejects a schema id the registry does not know, for the dead letters', async () => {
    const decoder = createDecoder({
      decodeAvro: async () => {
        throw new AppError('unknown-schema', 'schema id 7 is not in the registry');
      },
    });
    expect(await decoder.decode(message)).toMatchObject({ ok: false, reason: 'unknown-schema' });
  });
});

describe('decoder: 64-bit integers in JSON', () => {
  const omsUpdate = fixtures.find(
    (f) => f.system === 'oms' && f.format === 'json' && f.name.includes('update'),
  )!;
  const withTotal = (total: string) => {
    const text = omsUpdate.message.value!.toString().replace(/"total_fen":\s*\d+/, `"total_fen":${total}`);
    return { ...omsUpdate.message, value: Buffer.from(text) };
  };

  it('keeps a column beyond 2^53 exact', async () => {
    const result = await decoder.decode(withTotal('9007199254740993'));
    expect(result.ok && result.event.kind === 'change' && result.event.after?.total_fen).toBe(
      9007199254740993n,
    );
  });

  it('decodes ordinary columns as numbers whatever ts_ns holds', async () => {
    const result = await decoder.decode(withTotal('1234'));
    expect(result.ok && result.event.kind === 'change' && result.event.after?.total_fen).toBe(1234);
  });
});
