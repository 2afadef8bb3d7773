import { expectedView, type SourceRows } from '../../../src/reconcile/expected-view';
import { codeMaps } from '../domain/sample-rows';

const at = new Date('2026-11-01T00:00:00Z');
const rows: SourceRows = {
  customers: [
    {
      cust_id: '1001',
      cust_name: 'Zhang Wei',
      email: 'zhang.wei@example.cn',
      cust_status: 'A',
      vip_level: 2,
    },
    { cust_id: '1002', cust_name: 'Li Na', email: ' Li.Na@Example.CN ', cust_status: 'A', vip_level: 0 },
    { cust_id: '1005', cust_name: 'Chen Jing', email: 'shared@example.cn', cust_status: 'F', vip_level: 1 },
    { cust_id: '1006', cust_name: 'Yang Min', email: 'shared@example.cn', cust_status: 'A', vip_level: 0 },
  ],
  accounts: [
    {
      account_no: 'BA1',
      crm_ref: '1001',
      contact_email: 'x@example.cn',
      acct_state: 'OPEN',
      balance: '0.00',
    },
    // No crm_ref: linked by the one CRM customer with this email (normalised on both sides).
    {
      account_no: 'BA2',
      crm_ref: null,
      contact_email: 'li.na@example.cn',
      acct_state: 'DUNNING',
      balance: '1.00',
    },
    // Two CRM customers share the email: nobody.
    {
      account_no: 'BA3',
      crm_ref: null,
      contact_email: 'shared@example.cn',
      acct_state: 'OPEN',
      balance: '0.00',
    },
    // A crm_ref naming nobody links nobody, even with a matching email.
    {
      account_no: 'BA4',
      crm_ref: '9999',
      contact_email: 'zhang.wei@example.cn',
      acct_state: 'OPEN',
      balance: '0',
    },
  ],
  orders: [
    { order_no: 'SO1', buyer_code: 'C1001', state: 50, total_fen: '12900', placed_at: at },
    { order_no: 'SO2', buyer_code: 'C1001', state: 20, total_fen: '100', placed_at: at },
    { order_no: 'SO3', buyer_code: 'X1001', state: 50, total_fen: '1', placed_at: at },
  ],
};

describe('expectedView', () => {
  const view = expectedView(rows, codeMaps);

  it('has every CRM customer and nobody else', () => {
    expect([...view.keys()].sort()).toEqual(['1001', '1002', '1005', '1006']);
  });

  it('links accounts by crm_ref, else by a unique email, and orders by buyer code', () => {
    expect(view.get('1001')?.accountNos).toEqual(['BA1']);
    expect(view.get('1002')?.accountNos).toEqual(['BA2']);
    expect(view.get('1005')?.accountNos).toEqual([]);
    expect(view.get('1006')?.accountNos).toEqual([]);
    expect(view.get('1001')?.orderNos).toEqual(['SO1', 'SO2']);
  });

  it('derives status and order summary with the processors’ rules', () => {
    expect(view.get('1005')?.status).toBe('BLOCKED');
    expect(view.get('1002')?.status).toBe('DELINQUENT');
    expect(view.get('1001')).toMatchObject({ status: 'ACTIVE', openOrders: 1, lifetimeSpendFen: '13000' });
  });
});
