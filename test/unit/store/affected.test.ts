import type { FactChange } from '../../../src/domain/fact-change';
import { postgresPosition } from '../../../src/domain/position';
import { affectedBy } from '../../../src/store/affected';
import { newFactDoc, storedAfter, type FactDoc } from '../../../src/store/fact-docs';
import { ACCOUNTS, CUSTOMERS } from '../domain/sample-rows';

const at = new Date('2026-11-29T00:00:00Z');
const pos = (n: number) => postgresPosition(false, BigInt(n), BigInt(n), null);
const account = (n: number, fact: FactChange['fact'] & object, rowKey = 'BA00000002'): FactChange =>
  ({
    system: 'billing',
    table: 'accounts',
    rowKey,
    fact,
    position: pos(n),
    sourceTsMs: n,
    unavailable: [],
  }) as FactChange;

describe('whom a change affects', () => {
  it('names the owner by reference and the email before and after, and the last link', () => {
    const id = 'billing:accounts:BA00000002';
    const stored: FactDoc = { ...newFactDoc(id, account(1, ACCOUNTS[1]!), at), linkedCustId: '1002' };
    const moved = account(2, { ...ACCOUNTS[1]!, crmRef: '1009', contactEmail: 'NEW@example.cn ' });
    const { custIds, emails } = affectedBy([moved], new Map([[id, stored]]));
    expect([...custIds].sort()).toEqual(['1002', '1009']);
    // The old email linked it; the new one does not matter while crm_ref names the customer.
    expect([...emails]).toEqual(['li.na@example.cn']);
  });

  it('asks for the holders of an email only where it decides a link', () => {
    const id = 'billing:accounts:BA00000002';
    const stored = newFactDoc(id, account(1, ACCOUNTS[1]!), at);
    const byEmail = account(2, { ...ACCOUNTS[1]!, rawState: 'DUNNING' });
    expect([...affectedBy([byEmail], new Map([[id, stored]])).emails]).toEqual(['li.na@example.cn']);
    const crmId = 'crm:customers:1001';
    const crm = (n: number, email: string | null): FactChange => ({
      system: 'crm',
      table: 'customers',
      rowKey: '1001',
      fact: { ...CUSTOMERS[0]!, email },
      position: pos(n),
      sourceTsMs: n,
      unavailable: [],
    });
    const crmStored = newFactDoc(crmId, crm(1, 'zhang.wei@example.cn'), at);
    expect([...affectedBy([crm(2, ' Zhang.Wei@example.cn')], new Map([[crmId, crmStored]])).emails]).toEqual(
      [],
    );
    expect([...affectedBy([crm(2, 'new@example.cn')], new Map([[crmId, crmStored]])).emails].sort()).toEqual([
      'new@example.cn',
      'zhang.wei@example.cn',
    ]);
  });

  it('affects a CRM customer itself', () => {
    const crm: FactChange = {
      system: 'crm',
      table: 'customers',
      rowKey: '1001',
      fact: CUSTOMERS[0]!,
      position: pos(1),
      sourceTsMs: 1,
      unavailable: [],
    };
    expect([...affectedBy([crm], new Map()).custIds]).toEqual(['1001']);
  });
});

describe('the stored document after a change', () => {
  it('keeps the stored value of a column Debezium could not send', () => {
    const id = 'billing:accounts:BA00000002';
    const stored = newFactDoc(id, account(1, ACCOUNTS[1]!), at);
    const next = {
      ...account(2, { ...ACCOUNTS[1]!, balance: '', rawState: 'OPEN' }),
      unavailable: ['balance'],
    };
    const after = storedAfter(id, stored, next, at);
    expect(after.fact).toMatchObject({ balance: '120.50', rawState: 'OPEN' });
    expect(after.pos).toBe(next.position.key);
  });
});
