import { factId, newestPerRow, type FactChange } from '../../../src/domain/fact-change';
import { postgresPosition } from '../../../src/domain/position';
import { ACCOUNTS } from './sample-rows';

const change = (lsn: number, accountNo = 'BA00000001'): FactChange => ({
  system: 'billing',
  table: 'accounts',
  rowKey: accountNo,
  fact: { ...ACCOUNTS[0]!, accountNo },
  position: postgresPosition(false, BigInt(lsn), BigInt(lsn), null),
  sourceTsMs: lsn,
  unavailable: [],
});

describe('fact changes', () => {
  it('names a row by system, table and key', () => {
    expect(factId(change(1))).toBe('billing:accounts:BA00000001');
  });

  it('keeps the newest change of each row, whatever the order', () => {
    const kept = newestPerRow([change(3), change(9), change(5), change(2, 'BA00000002')]);
    expect(kept.map((c) => [c.rowKey, c.sourceTsMs])).toEqual([
      ['BA00000001', 9],
      ['BA00000002', 2],
    ]);
  });
});
