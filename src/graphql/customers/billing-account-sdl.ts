export const billingAccountSdl = /* GraphQL */ `
  "The canonical state of a billing account (billing accounts.acct_state through the code maps)."
  enum BillingState {
    "In good standing."
    OPEN
    "Payment late, inside the grace period."
    GRACE
    "Payment late, reminders being sent."
    DUNNING
    "Service suspended for non-payment."
    SUSPENDED
    "Debt written off."
    WRITTEN_OFF
    "Closed normally."
    CLOSED
    "The legacy code is not in the code maps: never guessed (see rawValue)."
    UNKNOWN
  }

  "A billing account linked to a customer."
  type BillingAccount implements Node {
    "Opaque global id (Node)."
    id: ID!
    "Billing account_no: the account's key in billing and for customerByRef(system: BILLING)."
    accountNo: String!
    "Canonical state."
    state: BillingState!
    "The legacy acct_state as stored, as text."
    rawValue: String!
    "The legacy acct_state as stored."
    rawState: String!
      @deprecated(
        reason: "Use rawValue: the raw code has one name and type (String) on Order, BillingAccount and StatusEvidence."
      )
    "The account's balance."
    currentBalance: Money!
    "The balance in yuan as numeric(12,2) decimal text."
    balance: String!
      @deprecated(
        reason: "Use currentBalance (Money): exact minor units and the currency, like every amount."
      )
    "Source commit time of the account's last change (the customer's asOf when billing did not say)."
    updatedAt: DateTime!
  }
`;
