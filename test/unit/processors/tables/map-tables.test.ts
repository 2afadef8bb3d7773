import codeMapsJson from '../../../../mappings/code-maps.json';
import { createCodeMaps } from '../../../../src/domain/code-maps';
import type { ChangeEvent } from '../../../../src/processors/decode/change-event';
import { createDecoder } from '../../../../src/processors/decode/decode-message';
import { mapBillingAccount } from '../../../../src/processors/tables/billing-accounts';
import { mapCrmCustomer } from '../../../../src/processors/tables/crm-customers';
import type { FactChange } from '../../../../src/domain/fact-change';
import type { MapResult } from '../../../../src/processors/tables/fact-change';
import { mapOmsOrder } from '../../../../src/processors/tables/oms-orders';
import { UNAVAILABLE } from '../../../../src/processors/tables/values';
import { fixtureAvroDecoder, loadFixtures } from '../../../support/fixtures';

const fixtures = loadFixtures();
const decoder = createDecoder({ decodeAvro: fixtureAvroDecoder(fixtures) });
const codeMaps = createCodeMaps(codeMapsJson);
const deps = { codeMaps, timeZone: 'Asia/Shanghai' };
const MAPPERS: Record<string, (e: ChangeEvent) => MapResult> = {
  crm: (e) => mapCrmCustomer(e, deps),
  billing: (e) => mapBillingAccount(e, deps),
  oms: (e) => mapOmsOrder(e, deps),
};

async function eventOf(system: string, format: 'json' | 'avro', name: string): Promise<ChangeEvent> {
  const f = fixtures.find((x) => x.system === system && x.format === format && x.name === name);
  if (!f) throw new Error(`no fixture ${system}/${format}/${name}`);
  const r = await decoder.decode(f.message);
  if (!r.ok || r.event.kind !== 'change') throw new Error(`${f.file} is not a change event`);
  return r.event;
}

async function changeOf(system: string, format: 'json' | 'avro', name: string): Promise<FactChange> {
  const r = MAPPERS[system]!(await eventOf(system, format, name));
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.change;
}

describe.each(['json', 'avro'] as const)('mapping captured %s events', (format) => {
  it('maps a CRM customer, keeping the raw email and converting Shanghai wall time to UTC', async () => {
    const change = await changeOf('crm', format, 'create');
    expect(change).toMatchObject({ system: 'crm', rowKey: '1011', unavailable: [] });
    expect(change.fact).toMatchObject({
      custId: '1011',
      email: ' Mixed.Case@Example.CN ',
      rawStatus: 'P',
      status: 'PROSPECT',
    });
    // modified_at is CURRENT_TIMESTAMP on a UTC+8 server: as an instant it is the commit time, not 8 h off.
    const changedAt = (change.fact as { changedAt: Date }).changedAt.getTime();
    expect(Math.abs(changedAt - change.sourceTsMs)).toBeLessThan(5 * 60_000);
  });

  it('maps a billing account with an exact decimal balance and a null crm_ref', async () => {
    const change = await changeOf('billing', format, 'create');
    expect(change.fact).toMatchObject({
      accountNo: 'BA00000008',
      crmRef: null,
      rawState: 'GRACE',
      state: 'GRACE',
      balance: '12.34',
    });
    expect(
      Math.abs((change.fact as { changedAt: Date }).changedAt.getTime() - change.sourceTsMs),
    ).toBeLessThan(5 * 60_000);
  });

  it('maps an OMS order with an unknown code to UNKNOWN and reports it, without guessing', async () => {
    const change = await changeOf('oms', format, 'create');
    expect(change.fact).toMatchObject({
      buyerCode: 'C1010',
      rawState: 99,
      status: 'UNKNOWN',
      totalFen: 123456789012n,
    });
    expect(change.unknownCode).toEqual({ column: 'state', value: '99' });
    // placed_at '2026-11-28 08:00:00' in Shanghai.
    expect((change.fact as { placedAt: Date }).placedAt.toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it.each(['crm', 'billing', 'oms'])(
    'maps a %s delete to no fact, keyed by the row it removes',
    async (system) => {
      const del = await changeOf(system, format, 'delete');
      const created = await changeOf(system, format, 'pk-change-create');
      expect(del.fact).toBeNull();
      expect(del.rowKey).toBe(created.rowKey);
    },
  );

  it.each(['crm', 'billing', 'oms'])(
    'maps a %s primary-key change to a delete of the old key and a fact under the new one',
    async (system) => {
      const gone = await changeOf(system, format, 'pk-change-delete');
      const born = await changeOf(system, format, 'pk-change-create');
      expect(gone.fact).toBeNull();
      expect(born.fact).not.toBeNull();
      expect(born.rowKey).not.toBe(gone.rowKey);
    },
  );

  it('maps every snapshot row of the sample data', async () => {
    for (const system of ['crm', 'billing', 'oms']) {
      for (const name of ['snapshot-first', 'snapshot-last'])
        expect((await changeOf(system, format, name)).position.snapshot).toBe(true);
    }
  });
});

describe('bad and partial rows', () => {
  it('keeps a column Debezium could not send out of the fact, listed as unavailable', async () => {
    const event = await eventOf('billing', 'json', 'update');
    const r = mapBillingAccount({ ...event, after: { ...event.after, contact_email: UNAVAILABLE } }, deps);
    expect(r).toMatchObject({ ok: true, change: { unavailable: ['contactEmail'] } });
  });

  it('rejects a row missing a required column', async () => {
    const event = await eventOf('crm', 'json', 'update');
    const after = { ...event.after };
    delete after.cust_status;
    expect(mapCrmCustomer({ ...event, after }, deps)).toMatchObject({ ok: false, reason: 'missing-field' });
  });

  it('rejects a balance that is not a decimal', async () => {
    const event = await eventOf('billing', 'json', 'update');
    expect(mapBillingAccount({ ...event, after: { ...event.after, balance: '1e3' } }, deps)).toMatchObject({
      ok: false,
      reason: 'bad-value',
    });
  });

  it('rejects an integer column beyond 64 bits (poison), before it reaches the store', async () => {
    const event = await eventOf('crm', 'json', 'update');
    const after = { ...event.after, cust_id: '9'.repeat(5_000_000) };
    expect(mapCrmCustomer({ ...event, after }, deps)).toMatchObject({
      ok: false,
      reason: 'bad-value',
      detail: 'column cust_id is out of the 64-bit range (5000000 digits)',
    });
    const big = { ...event.after, cust_id: 10n ** 19n };
    expect(mapCrmCustomer({ ...event, after: big }, deps)).toMatchObject({ ok: false, reason: 'bad-value' });
  });

  it('leaves truncates to an operator', async () => {
    const event = await eventOf('oms', 'json', 'update');
    expect(mapOmsOrder({ ...event, op: 't' }, deps)).toMatchObject({ ok: false, reason: 'unsupported-op' });
  });
});
