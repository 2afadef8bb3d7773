import {
  normalizeEmail,
  ownerOfAccount,
  ownerOfOrder,
  type CustomerDirectory,
} from '../../../src/domain/identity';
import { summarizeOrders } from '../../../src/domain/order-summary';
import { deriveStatus, type CustomerFacts } from '../../../src/domain/status-rules';
import type { CrmCustomerFact } from '../../../src/domain/facts';
import { ACCOUNTS, CUSTOMERS, ORDERS, codeMaps } from './sample-rows';

function directory(customers: CrmCustomerFact[]): CustomerDirectory {
  const ids = new Set(customers.map((c) => c.custId));
  const emails = new Map<string, string[]>();
  for (const c of customers) {
    const e = normalizeEmail(c.email);
    if (e) emails.set(e, [...(emails.get(e) ?? []), c.custId]);
  }
  return {
    has: (id) => ids.has(id),
    byEmail: (e) => (emails.get(e)?.length === 1 ? emails.get(e)![0]! : null),
  };
}

function factsOf(custId: string, customers = CUSTOMERS, accounts = ACCOUNTS, orders = ORDERS): CustomerFacts {
  const dir = directory(customers);
  return {
    crm: customers.find((c) => c.custId === custId)!,
    accounts: accounts.filter((a) => ownerOfAccount(a, dir) === custId),
    orders: orders.filter((o) => ownerOfOrder(o, dir) === custId),
  };
}

describe('canonical status of the legacy sample rows (spec table "What the sample rows should give")', () => {
  it.each([
    ['1001', 'ACTIVE', '5 ACTIVE: CRM code A'],
    ['1002', 'DELINQUENT', '4 DELINQUENT'],
    ['1003', 'ACTIVE', '5 ACTIVE: CRM code P with an order'],
    ['1004', 'PROSPECT', '7 PROSPECT'],
    ['1005', 'BLOCKED', '1 BLOCKED'],
    ['1006', 'CLOSED', '2 CLOSED'],
    ['1007', 'INACTIVE', '6 INACTIVE'],
    ['1008', 'DELINQUENT', '4 DELINQUENT'],
    ['1009', 'SUSPENDED', '3 SUSPENDED'],
    ['1010', 'ACTIVE', '5 ACTIVE: CRM code A'],
  ])('%s is %s', (custId, status, rule) => {
    const derived = deriveStatus(factsOf(custId));
    expect(derived.value).toBe(status);
    expect(derived.rule.startsWith(rule)).toBe(true);
  });

  it('explains 1002 by the account linked through its padded, mixed-case email', () => {
    expect(deriveStatus(factsOf('1002')).evidence).toEqual([
      { system: 'BILLING', key: 'BA00000002', rawValue: 'GRACE', meaning: 'GRACE', changedAt: null },
    ]);
  });

  it('explains 1003 by the CRM code and the PAID order', () => {
    expect(
      deriveStatus(factsOf('1003')).evidence.map((e) => `${e.system}:${e.key}:${e.rawValue}:${e.meaning}`),
    ).toEqual(['CRM:1003:P:PROSPECT', 'OMS:SO2026000003:20:PAID']);
  });

  it('lets CRM X outrank billing WRITTEN_OFF (1006) and names only the CRM fact', () => {
    expect(deriveStatus(factsOf('1006')).evidence).toEqual([
      expect.objectContaining({ system: 'CRM', rawValue: 'X' }),
    ]);
  });

  it('names only the SUSPENDED account of 1009, not its OPEN one', () => {
    expect(deriveStatus(factsOf('1009')).evidence.map((e) => e.key)).toEqual(['BA00000004']);
  });

  it('keeps order 45 of 1007 as UNKNOWN instead of guessing', () => {
    expect(codeMaps.orderStatus(45)).toBe('UNKNOWN');
    expect(factsOf('1007').orders.map((o) => o.status)).toEqual(['UNKNOWN']);
  });

  it('leaves BA00000006 and SO2026000008 unlinked until their customer appears', () => {
    const dir = directory(CUSTOMERS);
    expect(ownerOfAccount(ACCOUNTS[5]!, dir)).toBeNull();
    expect(ownerOfOrder(ORDERS[7]!, dir)).toBeNull();
    const withNewcomers = directory([
      ...CUSTOMERS,
      { ...CUSTOMERS[0]!, custId: '9999', email: 'NOBODY@example.cn ' },
    ]);
    expect(ownerOfAccount(ACCOUNTS[5]!, withNewcomers)).toBe('9999');
    expect(ownerOfOrder(ORDERS[7]!, withNewcomers)).toBe('9999');
  });

  it('detaches an email-linked account when the CRM email changes', () => {
    const changed = CUSTOMERS.map((c) => (c.custId === '1002' ? { ...c, email: 'li.na@new.example.cn' } : c));
    expect(deriveStatus(factsOf('1002', changed)).value).toBe('ACTIVE');
  });

  it('reports UNKNOWN with its evidence when the CRM code is unmapped and billing is clean', () => {
    const odd = CUSTOMERS.map((c) =>
      c.custId === '1010' ? { ...c, rawStatus: 'Z', status: codeMaps.crmStatus('Z') } : c,
    );
    expect(deriveStatus(factsOf('1010', odd))).toMatchObject({
      value: 'UNKNOWN',
      evidence: [{ rawValue: 'Z', meaning: 'UNKNOWN' }],
    });
  });
});

describe('order summary', () => {
  it('counts open orders, sums spend and finds the latest order of 1001', () => {
    expect(summarizeOrders(factsOf('1001').orders)).toEqual({
      openOrders: 1,
      lifetimeSpendFen: 18800n,
      lastOrderAt: new Date('2026-11-18T13:30:00Z'),
    });
  });

  it('counts REFUNDING as open and never adds CANCELLED, REFUNDED or UNKNOWN to spend', () => {
    const orders = [
      ORDERS[3]!,
      ORDERS[5]!,
      ORDERS[6]!,
      { ...ORDERS[0]!, rawState: 80, status: codeMaps.orderStatus(80) },
    ];
    expect(summarizeOrders(orders)).toMatchObject({ openOrders: 1, lifetimeSpendFen: 0n });
  });

  it('is empty for a customer without orders', () => {
    expect(summarizeOrders([])).toEqual({ openOrders: 0, lifetimeSpendFen: 0n, lastOrderAt: null });
  });
});
