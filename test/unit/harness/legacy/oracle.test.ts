import { computeOracle } from '../../../../harness/legacy/oracle';

describe('the SQL oracle', () => {
  const view = computeOracle({
    customers: [
      { id: '1001', cust_status: 'A', email: 'a@x.cn' },
      { id: '1002', cust_status: 'P', email: 'b@x.cn' },
      { id: '1003', cust_status: 'P', email: 'dup@x.cn' },
      { id: '1004', cust_status: 'F', email: 'dup@x.cn' },
      { id: '1005', cust_status: 'I', email: null },
    ],
    accounts: [
      { account_no: 'BA2', crm_ref: null, email: 'b@x.cn', acct_state: 'GRACE' },
      { account_no: 'BA1', crm_ref: '1001', email: 'zz@x.cn', acct_state: 'OPEN' },
      { account_no: 'BA3', crm_ref: null, email: 'dup@x.cn', acct_state: 'SUSPENDED' },
      { account_no: 'BA4', crm_ref: '9999', email: 'a@x.cn', acct_state: 'SUSPENDED' },
      { account_no: 'BA5', crm_ref: '1005', email: 'e@x.cn', acct_state: 'WRITTEN_OFF' },
    ],
    orders: [
      { order_no: 'SO2', cust: '1003', state: 20, total: '500' },
      { order_no: 'SO1', cust: '01003', state: 70, total: '100' },
      { order_no: 'SO3', cust: '1001', state: 45, total: '900' },
      { order_no: 'SO4', cust: '1001', state: 50, total: '9007199254740993' },
    ],
  });

  it('links by crm_ref, else by an email only one customer has', () => {
    expect(view['1001']?.accountNos).toEqual(['BA1']);
    expect(view['1002']?.accountNos).toEqual(['BA2']);
    expect(view['1003']?.accountNos).toEqual([]);
    expect(view['1004']?.accountNos).toEqual([]);
  });
  it('applies the status rules in order', () => {
    expect(view['1001']?.status).toBe('ACTIVE');
    expect(view['1002']?.status).toBe('DELINQUENT');
    expect(view['1003']?.status).toBe('ACTIVE'); // P with a PAID order
    expect(view['1004']?.status).toBe('BLOCKED');
    expect(view['1005']?.status).toBe('SUSPENDED');
  });
  it('summarises orders by buyer code, exact in 64 bits, unknown codes neither open nor spent', () => {
    expect(view['1003']?.orderNos).toEqual(['SO1', 'SO2']);
    expect(view['1003']?.openOrders).toBe(1);
    expect(view['1001']).toMatchObject({
      openOrders: 0,
      lifetimeSpendFen: '9007199254740993',
      orderNos: ['SO3', 'SO4'],
    });
  });
});
