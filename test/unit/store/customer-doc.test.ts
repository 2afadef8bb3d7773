import fs from 'node:fs';
import { avroType } from '../../../src/schema-registry/registry-client';
import { STATE_SCHEMA_FILE, toAvroRecord } from '../../../src/processors/state-publisher';
import { buildCustomerDoc, type CustomerDoc } from '../../../src/store/customer-doc';
import { decodeStatusHistory } from '../../../src/store/status-history-field';
import { ACCOUNTS, CUSTOMERS, codeMaps } from '../domain/sample-rows';

const at = new Date('2026-11-28T00:00:00Z');
const crm = (rawStatus: string) => ({
  ...CUSTOMERS[0]!,
  rawStatus,
  status: codeMaps.crmStatus(rawStatus),
  changedAt: new Date('2026-11-27T08:00:00Z'),
});
const build = (rawStatus: string, previous: CustomerDoc | null) =>
  buildCustomerDoc({ crm: crm(rawStatus), accounts: [], orders: [], asOfMs: 1 }, previous, 1, at);

describe('customer document: revision and status outbox', () => {
  it('queues an event for a new customer, with no previous status', () => {
    const doc = build('A', null);
    expect(doc.rev).toBe(1);
    expect(doc.pendingEvents).toEqual([
      expect.objectContaining({ customerId: '1001', version: 1, status: 'ACTIVE', previousStatus: null }),
    ]);
  });

  it('queues nothing new when a rebuild keeps the status, but keeps what is unpublished', () => {
    const first = build('A', null);
    const again = build('A', first);
    expect(again.rev).toBe(2);
    expect(again.pendingEvents).toEqual(first.pendingEvents);
    expect(build('A', { ...first, pendingEvents: [] }).pendingEvents).toEqual([]);
  });

  it('queues a change with the status it replaces, dated by its newest evidence', () => {
    const first = { ...build('A', null), pendingEvents: [] };
    const frozen = build('F', first);
    expect(frozen.pendingEvents).toEqual([
      expect.objectContaining({
        version: 2,
        status: 'BLOCKED',
        previousStatus: 'ACTIVE',
        rule: expect.stringContaining('BLOCKED'),
        since: new Date('2026-11-27T08:00:00Z'),
      }),
    ]);
  });

  it('embeds linked billing accounts in account order, raw and canonical', () => {
    const doc = buildCustomerDoc(
      { crm: crm('A'), accounts: [...ACCOUNTS].reverse().slice(0, 2), orders: [], asOfMs: 1 },
      null,
      1,
      at,
    );
    const nos = doc.accounts.map((a) => a.accountNo);
    expect(nos).toEqual([...nos].sort());
    expect(doc.accounts[0]).toEqual(
      expect.objectContaining({
        rawState: expect.any(String),
        state: expect.any(String),
        balance: expect.any(String),
      }),
    );
  });

  it('every queued event is valid against schemas/customer-state.v1.avsc', () => {
    const type = avroType(fs.readFileSync(STATE_SCHEMA_FILE, 'utf8'));
    const events = [...build('A', null).pendingEvents, ...build('ZZ', build('A', null)).pendingEvents];
    for (const e of events) {
      const record = toAvroRecord(e);
      expect(type.isValid(record)).toBe(true);
      expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
    }
  });
});

describe('customer document: status history', () => {
  const history = (doc: CustomerDoc) => decodeStatusHistory(doc.statusHistory);

  it('starts with the first status, dated by the source and by the view', () => {
    const doc = build('A', null);
    expect(history(doc)).toEqual([
      expect.objectContaining({
        rev: 1,
        status: 'ACTIVE',
        previousStatus: null,
        rule: expect.stringContaining('ACTIVE'),
        evidence: [expect.objectContaining({ system: 'CRM', key: '1001', rawValue: 'A' })],
        evidenceCount: 1,
        since: new Date('2026-11-27T08:00:00Z'),
        committedAt: new Date(1),
        recordedAt: at,
        codeMapsVersion: 1,
      }),
    ]);
  });

  it('keeps the very same stored value while the status holds (the writer then skips it)', () => {
    const first = build('A', null);
    expect(build('A', first).statusHistory).toBe(first.statusHistory);
  });

  it('records a change back and forth as two entries, once however often a rebuild repeats', () => {
    const a = build('A', null);
    const f = build('F', a);
    expect(build('F', a).statusHistory?.buffer).toEqual(f.statusHistory?.buffer);
    const back = build('A', build('F', f));
    expect(history(back).map((e) => [e.rev, e.previousStatus, e.status])).toEqual([
      [1, null, 'ACTIVE'],
      [2, 'ACTIVE', 'BLOCKED'],
      [4, 'BLOCKED', 'ACTIVE'],
    ]);
  });

  it('is bounded by the limit it is built with', () => {
    let doc = build('A', null);
    for (const code of ['F', 'A', 'F', 'A'])
      doc = buildCustomerDoc({ crm: crm(code), accounts: [], orders: [], asOfMs: 1 }, doc, 1, at, 2);
    expect(history(doc).map((e) => e.rev)).toEqual([4, 5]);
    const none = buildCustomerDoc({ crm: crm('A'), accounts: [], orders: [], asOfMs: 1 }, null, 1, at, 0);
    expect(none.statusHistory).toBeUndefined();
  });
});
