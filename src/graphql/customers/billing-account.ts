/** A billing account as the API shows it: embedded in its customer document, so it costs no read. */
import { BILLING_MEANINGS, UNKNOWN } from '../../domain/code-maps';
import type { AccountView, CustomerDoc } from '../../store/customer-doc';
import { toGlobalId } from '../global-id';
import { fromDecimal } from '../money';

const STATES: ReadonlySet<string> = new Set(BILLING_MEANINGS);

export interface BillingAccountNode extends AccountView {
  updatedAt: Date;
}

/** The account of a customer document; accounts written before changedAt was kept date from asOf. */
export function billingAccountNode(a: AccountView, c: Pick<CustomerDoc, 'asOf'>): BillingAccountNode {
  return { ...a, updatedAt: a.updatedAt ?? c.asOf };
}

export const billingAccountResolvers = {
  BillingAccount: {
    id: (a: AccountView) => toGlobalId('BillingAccount', a.accountNo),
    // The enum is closed; a state the store holds outside it (an older code map) is not guessed.
    state: (a: AccountView) => (STATES.has(a.state) ? a.state : UNKNOWN),
    rawValue: (a: AccountView) => a.rawState,
    currentBalance: (a: AccountView) => fromDecimal(a.balance),
  },
};
