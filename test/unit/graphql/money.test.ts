import { fromDecimal, fromMinorUnits, toDecimal } from '../../../src/graphql/money';

describe('money', () => {
  it('takes fen as they are, from bigint, decimal strings or numbers', () => {
    expect(fromMinorUnits('9007199254740993')).toEqual({ minorUnits: 9007199254740993n, currency: 'CNY' });
    expect(fromMinorUnits(0)).toEqual({ minorUnits: 0n, currency: 'CNY' });
    expect(fromMinorUnits(-5n).minorUnits).toBe(-5n);
  });

  it('turns billing numeric(12,2) yuan into fen exactly', () => {
    expect(fromDecimal('7.00').minorUnits).toBe(700n);
    expect(fromDecimal('7.01').minorUnits).toBe(701n);
    expect(fromDecimal('7.5').minorUnits).toBe(750n);
    expect(fromDecimal('7').minorUnits).toBe(700n);
    expect(fromDecimal('-0.05').minorUnits).toBe(-5n);
    expect(fromDecimal(' 9999999999.99 ').minorUnits).toBe(999999999999n);
  });

  it('refuses text that is not an amount instead of rounding it', () => {
    for (const bad of ['', '1.005', '1e3', '1,00', 'NaN', '--1', '.5'])
      expect(() => fromDecimal(bad)).toThrow();
  });

  it('formats minor units as major units with two decimals', () => {
    expect(toDecimal(700n)).toBe('7.00');
    expect(toDecimal(5n)).toBe('0.05');
    expect(toDecimal(-5n)).toBe('-0.05');
    expect(toDecimal(-12345n)).toBe('-123.45');
    expect(toDecimal(0n)).toBe('0.00');
    expect(toDecimal(9007199254740993n)).toBe('90071992547409.93');
  });
});
