import { customerKey, fromGlobalId, toGlobalId } from '../../../src/graphql/global-id';

describe('global ids', () => {
  it('round-trip type and key, opaque and URL-safe', () => {
    for (const [type, key] of [
      ['Customer', 'S000007'],
      ['Order', 'SO-2026/01:7'],
      ['BillingAccount', 'BA 0001 ü'],
    ] as const) {
      const id = toGlobalId(type, key);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(id).not.toContain(key);
      expect(fromGlobalId(id)).toEqual({ type, key });
    }
  });

  it('tells apart the same natural key under two types', () => {
    expect(toGlobalId('Customer', 'X1')).not.toBe(toGlobalId('Order', 'X1'));
  });

  it('rejects what this API did not issue', () => {
    const foreign = (text: string) => Buffer.from(text).toString('base64url');
    for (const id of [
      '',
      'S000007',
      'not base64!',
      foreign('Customer'),
      foreign('Customer:'),
      foreign('User:1'),
      `${toGlobalId('Customer', '1')}=`,
    ])
      expect(fromGlobalId(id)).toBeNull();
  });

  it('reads a customer argument as a Customer global id or, as before, a CRM cust_id', () => {
    expect(customerKey(toGlobalId('Customer', 'S000007'))).toBe('S000007');
    expect(customerKey('S000007')).toBe('S000007');
    expect(customerKey(' S000007 ')).toBe('S000007');
    // An Order's id is not a customer's: taken as a (missing) cust_id, so the answer is null.
    expect(customerKey(toGlobalId('Order', 'SO1'))).toBe(toGlobalId('Order', 'SO1'));
  });
});
