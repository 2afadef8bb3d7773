/** crm.customers (MariaDB) → CRM customer facts. Pure. */
import type { CodeMaps } from '../../domain/code-maps';
import type { ChangeEvent } from '../decode/change-event';
import type { FactChange } from '../../domain/fact-change';
import type { MapResult } from './fact-change';
import { mapEvent } from './map-event';
import { wallClockToUtc } from './time';
import { columns, unavailableFields } from './values';

/** Which fact fields each column feeds: an unavailable column leaves these as stored. */
const FIELDS = {
  cust_id: ['custId'],
  cust_name: ['name'],
  email: ['email'],
  mobile: ['mobile'],
  cust_status: ['rawStatus', 'status'],
  vip_level: ['vipLevel'],
  modified_at: ['changedAt'],
};
export interface CrmCustomersDeps {
  codeMaps: CodeMaps;
  /** Zone of CRM's DATETIME columns. Default in config: Asia/Shanghai. */
  timeZone: string;
}

export function mapCrmCustomer(event: ChangeEvent, { codeMaps, timeZone }: CrmCustomersDeps): MapResult {
  return mapEvent<Extract<FactChange, { system: 'crm' }>>(
    event,
    { system: 'crm', table: 'customers', keyColumn: 'cust_id' },
    (row) => {
      const c = columns(row);
      const rawStatus = c.str('cust_status');
      const status = codeMaps.crmStatus(rawStatus);
      const fact = {
        custId: String(c.big('cust_id')),
        name: c.str('cust_name'),
        email: c.optStr('email') ?? null,
        mobile: c.optStr('mobile') ?? null,
        rawStatus,
        status,
        vipLevel: c.int('vip_level'),
        changedAt: wallClockToUtc(c.epochMs('modified_at', 1000), timeZone),
      };
      return {
        fact,
        unavailable: unavailableFields(c.unavailable, FIELDS),
        ...(status === 'UNKNOWN' && { unknownCode: { column: 'cust_status', value: rawStatus } }),
      };
    },
  );
}
