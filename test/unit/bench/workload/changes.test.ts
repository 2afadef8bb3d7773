import {
  CHURN_MIX,
  STEADY_MIX,
  initialRows,
  insertAccounts,
  insertCustomers,
  nextChange,
} from '../../../../bench/workload/changes';
import { KeyPool, createModel } from '../../../../bench/workload/model';
import { createRng } from '../../../../bench/workload/random';

describe('workload statements', () => {
  it('builds multi-row INSERTs with each engine’s placeholders', () => {
    const model = createModel();
    const rows = initialRows(model, 3, createRng(3));
    const crm = insertCustomers(rows.customers);
    expect(crm.text).toMatch(
      /^INSERT INTO customers \(cust_id,cust_name,email,mobile,cust_status,vip_level,created_at,modified_at\) VALUES \(\?(,\?){7}\),/,
    );
    expect(crm.params).toHaveLength(3 * 8);
    expect(crm.rows).toBe(3);
    const billing = insertAccounts(rows.accounts.slice(0, 2));
    expect(billing.text).toContain('($1,$2,$3,$4,$5,$6),($7,$8,$9,$10,$11,$12)');
  });

  it('draws changes that really change a row, and keeps the model in step', () => {
    const model = createModel();
    const rng = createRng(11);
    initialRows(model, 200, rng);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const before = {
        customers: model.customers.size,
        accounts: model.accounts.size,
        orders: model.orders.size,
      };
      const statements = nextChange(model, rng, CHURN_MIX);
      expect(statements.length).toBeGreaterThanOrEqual(1);
      for (const s of statements) {
        expect(s.rows).toBe(1);
        const verb = s.text.split(' ')[0] as string;
        kinds.set(`${s.system} ${verb}`, (kinds.get(`${s.system} ${verb}`) ?? 0) + 1);
        if (verb === 'DELETE') expect(s.deletes).toBe(1);
        if (verb === 'UPDATE' && s.text.includes('cust_status')) {
          const c = model.customers.get(s.params[2] as number);
          expect(c?.cust_status).toBe(s.params[0]);
        }
      }
      const deleted = statements.filter((s) => s.deletes > 0);
      if (deleted.some((s) => s.system === 'crm')) expect(model.customers.size).toBe(before.customers - 1);
      if (deleted.some((s) => s.system === 'oms')) expect(model.orders.size).toBe(before.orders - 1);
    }
    for (const k of [
      'crm UPDATE',
      'crm INSERT',
      'crm DELETE',
      'billing UPDATE',
      'billing INSERT',
      'billing DELETE',
    ])
      expect(kinds.get(k)).toBeGreaterThan(0);
    for (const k of ['oms UPDATE', 'oms INSERT', 'oms DELETE']) expect(kinds.get(k)).toBeGreaterThan(0);
  });

  it('never deletes CRM customers in the steady mix', () => {
    const model = createModel();
    const rng = createRng(5);
    initialRows(model, 50, rng);
    for (let i = 0; i < 1000; i++)
      for (const s of nextChange(model, rng, STEADY_MIX))
        expect(s.system === 'crm' && s.text.startsWith('DELETE')).toBe(false);
  });
});

describe('KeyPool', () => {
  it('adds, deletes and picks uniformly among what is left', () => {
    const pool = new KeyPool<number, string>();
    for (let i = 0; i < 10; i++) pool.set(i, `v${i}`);
    expect(pool.delete(3)).toBe(true);
    expect(pool.delete(3)).toBe(false);
    pool.set(9, 'nine');
    expect(pool.size).toBe(9);
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add((pool.random(rng) as [number, string])[0]);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(pool.get(9)).toBe('nine');
  });
});
