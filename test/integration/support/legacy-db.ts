/**
 * The legacy-database helpers of harness/legacy/ bound to the stack under test, plus the churn the
 * process-level tests drive.
 */
import { createLegacyDb } from '../../../harness/legacy/legacy-db';
import { endpoints } from './endpoints';

export type { LegacyCopy, LegacySystem } from '../../../harness/legacy/legacy-db';

export const { sql, createLegacyCopy } = createLegacyDb(endpoints);

const CRM_CODES = ['A', 'I', 'P', 'F', 'X'];
const BILLING_STATES = ['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'CLOSED'];
const ORDER_STATES = [10, 20, 50, 70, 90];

/** Step `i` of a steady churn over the sample rows of all three systems (one statement each). */
export async function churnStep(
  copies: { crm: string; billing: string; oms: string },
  i: number,
): Promise<void> {
  await sql('crm', copies.crm, 'UPDATE customers SET cust_status = ? WHERE cust_id = ?', [
    CRM_CODES[i % 5],
    1001 + (i % 10),
  ]);
  await sql('billing', copies.billing, 'UPDATE accounts SET acct_state = $1 WHERE account_no = $2', [
    BILLING_STATES[(i * 3) % 5],
    `BA0000000${1 + (i % 7)}`,
  ]);
  await sql('oms', copies.oms, 'UPDATE orders SET state = $1 WHERE id = $2', [
    ORDER_STATES[i % 5],
    1 + (i % 8),
  ]);
}
