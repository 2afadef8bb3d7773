/**
 * The one shape of money the API answers with: exact integer minor units and an ISO 4217 currency.
 * The legacy systems store fen (OMS bigint, the view's sums) and yuan as numeric(12,2) (billing);
 * both become minor units here, so clients never parse two formats or do float arithmetic. Pure.
 */

/** Every amount of the three legacy systems is in renminbi; fen are its hundredths. */
export const CURRENCY = 'CNY';
const DECIMALS = 2;

export interface Money {
  minorUnits: bigint;
  currency: string;
}

export function fromMinorUnits(minorUnits: bigint | string | number): Money {
  return { minorUnits: BigInt(minorUnits), currency: CURRENCY };
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Decimal text in major units (billing's numeric(12,2), e.g. "-12.5") to minor units, exactly.
 * Throws on anything else, including more decimals than the currency has: rounding money
 * silently is never right.
 */
export function fromDecimal(text: string): Money {
  const m = DECIMAL.exec(text.trim());
  const fraction = m?.[3] ?? '';
  if (!m || fraction.length > DECIMALS)
    throw new Error(`not an amount of ${CURRENCY}: ${JSON.stringify(text)}`);
  const units = BigInt((m[2] as string) + fraction.padEnd(DECIMALS, '0'));
  return { minorUnits: m[1] ? -units : units, currency: CURRENCY };
}

/** Major units with the currency's decimals (700n → "7.00", -5n → "-0.05"), for display. */
export function toDecimal(minorUnits: bigint): string {
  const sign = minorUnits < 0n ? '-' : '';
  const digits = (minorUnits < 0n ? -minorUnits : minorUnits).toString().padStart(DECIMALS + 1, '0');
  return `${sign}${digits.slice(0, -DECIMALS)}.${digits.slice(-DECIMALS)}`;
}

export const moneyResolvers = {
  Money: {
    amount: (m: Money) => toDecimal(m.minorUnits),
  },
};
