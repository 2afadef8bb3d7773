/** oms.public.orders (PostgreSQL) → order facts. Pure. */
import type { CodeMaps } from '../../domain/code-maps';
import type { ChangeEvent } from '../decode/change-event';
import type { MapResult } from './fact-change';
import { mapEvent } from './map-event';
import { wallClockToUtc } from './time';
import { columns } from './values';

export interface OmsOrdersDeps {
  codeMaps: CodeMaps;
  /** Zone of OMS's `timestamp` columns. Default in config: Asia/Shanghai. */
  timeZone: string;
}

export function mapOmsOrder(event: ChangeEvent, { codeMaps, timeZone }: OmsOrdersDeps): MapResult {
  return mapEvent(event, 'id', (row, rowKey) => {
    const base = {
      system: 'oms',
      table: 'orders',
      rowKey,
      position: event.position,
      sourceTsMs: event.source.tsMs,
    } as const;
    if (!row) return { ok: true, change: { ...base, fact: null, unavailable: [] } };
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
      ok: true,
      change: {
        ...base,
        fact,
        unavailable: c.unavailable,
        ...(status === 'UNKNOWN' && { unknownCode: { column: 'state', value: String(rawState) } }),
      },
    };
  });
}
