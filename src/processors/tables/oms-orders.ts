/** oms.public.orders (PostgreSQL) → order facts. Pure. */
import type { CodeMaps } from '../../domain/code-maps';
import type { ChangeEvent } from '../decode/change-event';
import type { FactChange } from '../../domain/fact-change';
import type { MapResult } from './fact-change';
import { mapEvent } from './map-event';
import { wallClockToUtc } from './time';
import { columns, unavailableFields } from './values';

/** Which fact fields each column feeds: an unavailable column leaves these as stored. */
const FIELDS = {
  id: [],
  order_no: ['orderNo'],
  buyer_code: ['buyerCode'],
  state: ['rawState', 'status'],
  total_fen: ['totalFen'],
  placed_at: ['placedAt'],
  updated_at: ['changedAt'],
};
export interface OmsOrdersDeps {
  codeMaps: CodeMaps;
  /** Zone of OMS's `timestamp` columns. Default in config: Asia/Shanghai. */
  timeZone: string;
}

export function mapOmsOrder(event: ChangeEvent, { codeMaps, timeZone }: OmsOrdersDeps): MapResult {
  return mapEvent<Extract<FactChange, { system: 'oms' }>>(
    event,
    { system: 'oms', table: 'orders', keyColumn: 'id' },
    (row) => {
      const c = columns(row);
      const rawState = c.int('state');
      const status = codeMaps.orderStatus(rawState);
      // `timestamp` without zone: io.debezium.time.MicroTimestamp of the Shanghai wall clock.
      const local = (name: string) => wallClockToUtc(c.epochMs(name, 1_000_000), timeZone);
      const fact = {
        orderNo: c.str('order_no'),
        buyerCode: c.str('buyer_code'),
        rawState,
        status,
        totalFen: c.big('total_fen'),
        placedAt: local('placed_at'),
        changedAt: local('updated_at'),
      };
      return {
        fact,
        unavailable: unavailableFields(c.unavailable, FIELDS),
        ...(status === 'UNKNOWN' && { unknownCode: { column: 'state', value: String(rawState) } }),
      };
    },
  );
}
