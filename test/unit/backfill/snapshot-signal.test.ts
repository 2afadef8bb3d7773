import { customerRowConditions, snapshotSignal } from '../../../src/backfill/snapshot-signal';
import { AppError } from '../../../src/shared/errors';

const crm = {
  'topic.prefix': 'crm',
  'table.include.list': 'crm.customers',
  'signal.enabled.channels': 'kafka',
  'signal.kafka.topic': '_signals.crm',
};

describe('snapshotSignal', () => {
  it('asks for a blocking snapshot of the captured table on the signal topic, keyed by the prefix', () => {
    expect(snapshotSignal('crm', 'crm', crm)).toEqual({
      topic: '_signals.crm',
      key: 'crm',
      value: { type: 'execute-snapshot', data: { 'data-collections': ['crm.customers'], type: 'BLOCKING' } },
    });
  });

  it('narrows the rows with a SELECT of the captured table (the form blocking snapshots take)', () => {
    const oms = {
      ...crm,
      'topic.prefix': 'oms_x',
      'table.include.list': 'public.orders',
      'signal.kafka.topic': 's',
    };
    expect(snapshotSignal('oms', 'oms', oms, 'id IN (1)').value.data['additional-conditions']).toEqual([
      { 'data-collection': 'public.orders', filter: 'SELECT * FROM public.orders WHERE id IN (1)' },
    ]);
  });

  it('refuses a connector without a Kafka signal channel or without the table, saying which', () => {
    const noSignal = { ...crm, 'signal.enabled.channels': 'source' };
    expect(() => snapshotSignal('crm', 'crm-old', noSignal)).toThrow(/crm-old has no Kafka signal channel/);
    try {
      snapshotSignal('billing', 'crm', crm);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('snapshot-unsupported');
      expect((e as AppError).message).toContain('does not capture a table "accounts"');
    }
  });
});

describe('customerRowConditions', () => {
  it('selects every row that can decide the customers: CRM row, accounts by ref or email, orders by buyer code', () => {
    expect(customerRowConditions(['1002', '0042'], ['li.na@example.cn', "o'hara@example.cn"])).toEqual({
      crm: 'cust_id IN (1002, 42)',
      billing:
        "trim(crm_ref) IN ('1002', '42') OR lower(trim(contact_email)) IN ('li.na@example.cn', 'o''hara@example.cn')",
      oms: "trim(buyer_code) ~ '^C0*(1002|42)$'",
    });
  });

  it('selects nothing for no customers', () => {
    expect(customerRowConditions([], [])).toEqual({ crm: 'false', billing: 'false', oms: 'false' });
  });
});
