/** Types every domain uses: the scalars, money and Relay's PageInfo. */
export const commonSdl = /* GraphQL */ `
  "A 64-bit-safe integer, serialized as a decimal string: JavaScript numbers lose precision above 2^53."
  scalar BigInt

  "An instant as ISO-8601 in UTC, e.g. 2026-11-21T02:00:00.000Z."
  scalar DateTime

  "An amount of money: exact integer minor units and the currency. The one shape of every amount."
  type Money {
    "The amount in the currency's minor unit (fen for CNY), exact: compute with this."
    minorUnits: BigInt!
    "ISO 4217 currency code. Every amount of the legacy systems is in CNY."
    currency: String!
    "The amount in major units with the currency's decimals (e.g. 12.34), for display only."
    amount: String!
  }

  "Relay cursor connection paging: pass endCursor as after (forwards) or startCursor as before (backwards)."
  type PageInfo {
    "More items follow endCursor. On a backward page: true when before was given."
    hasNextPage: Boolean!
    "More items precede startCursor. On a forward page: true when after was given."
    hasPreviousPage: Boolean!
    "Cursor of the first edge of this page; null on an empty page."
    startCursor: String
    "Cursor of the last edge of this page; null on an empty page."
    endCursor: String
  }
`;
