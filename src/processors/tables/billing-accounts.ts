/** billing.public.accounts (PostgreSQL) → billing account facts. Pure. */
import type { CodeMaps } from '../../domain/code-maps';
import type { ChangeEvent } from '../decode/change-event';
import type { FactChange } from '../../domain/fact-change';
import type { MapResult } from './fact-change';
import { mapEvent } from './map-event';
import { ColumnError, columns, unavailableFields } from './values';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Which fact fields each column feeds: an unavailable column leaves these as stored. */
const FIELDS = {
  account_no: ['accountNo'],
  crm_ref: ['crmRef'],
  contact_email: ['contactEmail'],
  acct_state: ['rawState', 'state'],
  balance: ['balance'],
  updated_at: ['changedAt'],
};
export function mapBillingAccount(event: ChangeEvent, { codeMaps }: { codeMaps: CodeMaps }): MapResult {
  return mapEvent<Extract<FactChange, { system: 'billing' }>>(
    event,
    { system: 'billing', table: 'accounts', keyColumn: 'account_no' },
    (row) => {
      const c = columns(row);
      const rawState = c.str('acct_state');
      const state = codeMaps.billingState(rawState);
      // decimal.handling.mode=string: numeric(12,2) arrives as exact text.
      const balance = c.str('balance');
      if (!c.unavailable.includes('balance') && !DECIMAL.test(balance))
        throw new ColumnError('bad-value', `column balance is not a decimal: ${balance}`);
      // timestamptz arrives as an ISO-8601 UTC string (io.debezium.time.ZonedTimestamp).
      const updatedAt = c.str('updated_at');
      const changedAt = c.unavailable.includes('updated_at') ? null : new Date(updatedAt);
      if (changedAt && Number.isNaN(changedAt.getTime()))
        throw new ColumnError('bad-value', `column updated_at is not a timestamp: ${updatedAt}`);
      const fact = {
        accountNo: c.str('account_no'),
        crmRef: c.optStr('crm_ref') ?? null,
        contactEmail: c.str('contact_email'),
        rawState,
        state,
        balance,
        changedAt,
      };
      return {
        fact,
        unavailable: unavailableFields(c.unavailable, FIELDS),
        ...(state === 'UNKNOWN' && { unknownCode: { column: 'acct_state', value: rawState } }),
      };
    },
  );
}
