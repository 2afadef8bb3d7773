/**
 * Legacy code tables as declarative, versioned configuration (mappings/code-maps.json). Each
 * column's codes map into a closed set of canonical meanings, so a typo in the file fails at startup
 * instead of silently producing a status nobody can explain.
 */
import { z } from 'zod';

export const CRM_MEANINGS = ['PROSPECT', 'ACTIVE', 'INACTIVE', 'FROZEN', 'CLOSED'] as const;
export const BILLING_MEANINGS = ['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'WRITTEN_OFF', 'CLOSED'] as const;
export const ORDER_STATUSES = [
  'PENDING_PAYMENT',
  'PAID',
  'FULFILLING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REFUNDING',
  'REFUNDED',
] as const;

export type CrmMeaning = (typeof CRM_MEANINGS)[number];
export type BillingMeaning = (typeof BILLING_MEANINGS)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** What an unmapped code becomes: never a guess. */
export const UNKNOWN = 'UNKNOWN' as const;
export type Mapped<T> = T | typeof UNKNOWN;

const table = <T extends readonly [string, ...string[]]>(meanings: T) =>
  z.record(z.string().min(1), z.enum(meanings)).refine((t) => Object.keys(t).length > 0, 'has no codes');

export const codeMapsSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.number().int().positive(),
  systems: z.strictObject({
    crm: z.strictObject({ 'customers.cust_status': table(CRM_MEANINGS) }),
    billing: z.strictObject({ 'accounts.acct_state': table(BILLING_MEANINGS) }),
    oms: z.strictObject({ 'orders.state': table(ORDER_STATUSES) }),
  }),
});
export type CodeMapsFile = z.infer<typeof codeMapsSchema>;

export interface CodeMaps {
  version: number;
  crmStatus(code: string): Mapped<CrmMeaning>;
  billingState(code: string): Mapped<BillingMeaning>;
  orderStatus(code: number | string): Mapped<OrderStatus>;
}

/** Validates a parsed code-maps file, listing every problem, and returns lookups over it. */
export function createCodeMaps(input: unknown): CodeMaps {
  const parsed = codeMapsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid code maps:\n  - ${problems.join('\n  - ')}`);
  }
  const { version, systems } = parsed.data;
  const lookup =
    <T extends string>(t: Record<string, T>) =>
    (code: number | string): Mapped<T> =>
      Object.hasOwn(t, String(code)) ? (t[String(code)] as T) : UNKNOWN;
  return {
    version,
    crmStatus: lookup(systems.crm['customers.cust_status']),
    billingState: lookup(systems.billing['accounts.acct_state']),
    orderStatus: lookup(systems.oms['orders.state']),
  };
}
