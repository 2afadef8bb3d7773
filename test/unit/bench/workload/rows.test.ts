import { createModel } from '../../../../bench/workload/model';
import { createRng } from '../../../../bench/workload/random';
import { initialRows } from '../../../../bench/workload/changes';
import {
  BILLING_STATES,
  CRM_CODES,
  ORDER_STATES,
  UNKNOWN_ORDER_STATE,
  shanghaiLocal,
} from '../../../../bench/workload/rows';

const rows = initialRows(createModel(), 3000, createRng(7));

describe('generated legacy rows', () => {
  it('gives customers the CRM codes, vip 0-3 and untidy emails (NULL, mixed case, padded)', () => {
    expect(rows.customers).toHaveLength(3000);
    for (const c of rows.customers) {
      expect(CRM_CODES).toContain(c.cust_status);
      expect([0, 1, 2, 3]).toContain(c.vip_level);
      expect(c.cust_id).toBeGreaterThan(1010); // above the demo sample rows
      expect(c.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    const emails = rows.customers.map((c) => c.email);
    expect(emails.filter((e) => e === null).length).toBeGreaterThan(100);
    expect(emails.some((e) => e !== null && e !== e.trim())).toBe(true);
    expect(emails.some((e) => e !== null && e !== e.toLowerCase())).toBe(true);
    const used = new Set(CRM_CODES.filter((code) => rows.customers.some((c) => c.cust_status === code)));
    expect(used.size).toBe(CRM_CODES.length);
  });

  it('links accounts by crm_ref or, migrated, by a contact_email equal to the tidy CRM email', () => {
    const byId = new Map(rows.customers.map((c) => [String(c.cust_id), c]));
    const byEmail = new Map(
      rows.customers.filter((c) => c.email).map((c) => [c.email?.trim().toLowerCase(), c]),
    );
    let migrated = 0;
    let orphans = 0;
    for (const a of rows.accounts) {
      expect(BILLING_STATES).toContain(a.acct_state);
      expect(a.account_no).toMatch(/^BA\d{8}$/);
      expect(a.contact_email).toBe(a.contact_email.trim().toLowerCase());
      if (a.crm_ref !== null) expect(byId.has(a.crm_ref)).toBe(true);
      else if (byEmail.has(a.contact_email)) migrated += 1;
      else orphans += 1;
    }
    expect(migrated).toBeGreaterThan(rows.accounts.length * 0.08);
    expect(orphans).toBeGreaterThan(0);
    expect(rows.accounts.length / rows.customers.length).toBeGreaterThan(1);
  });

  it("gives orders buyer codes 'C' + cust_id, some matching nobody, and OMS state codes", () => {
    const ids = new Set(rows.customers.map((c) => `C${c.cust_id}`));
    const nobody = rows.orders.filter((o) => !ids.has(o.buyer_code));
    expect(nobody.length).toBeGreaterThan(0);
    expect(nobody.length).toBeLessThan(rows.orders.length * 0.05);
    for (const o of rows.orders) {
      expect(o.buyer_code).toMatch(/^C\d+$/);
      expect([...ORDER_STATES, UNKNOWN_ORDER_STATE]).toContain(o.state);
      expect(o.order_no.length).toBeLessThanOrEqual(24);
      expect(Number.isInteger(o.total_fen)).toBe(true);
    }
    expect(rows.orders.length / rows.customers.length).toBeGreaterThan(1.5);
    expect(new Set(rows.orders.map((o) => o.id)).size).toBe(rows.orders.length);
  });

  it('is the same for the same seed', () => {
    expect(initialRows(createModel(), 50, createRng(1))).toEqual(
      initialRows(createModel(), 50, createRng(1)),
    );
  });

  it('writes CRM and OMS local times in Asia/Shanghai (UTC+8)', () => {
    expect(shanghaiLocal(Date.UTC(2026, 0, 1, 20, 30, 0))).toBe('2026-01-02 04:30:00');
  });
});
