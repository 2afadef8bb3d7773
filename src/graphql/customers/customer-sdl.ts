export const customerSdl = /* GraphQL */ `
  "Where a fact came from."
  enum SourceSystem {
    CRM
    BILLING
    OMS
  }

  "The canonical lifecycle status. UNKNOWN when CRM's own code is unmapped and no billing rule applies."
  enum CustomerStatus {
    PROSPECT
    ACTIVE
    INACTIVE
    DELINQUENT
    SUSPENDED
    BLOCKED
    CLOSED
    UNKNOWN
  }

  type Query {
    "A customer by CRM cust_id."
    customer(id: ID!): Customer
    "CRM: cust_id. BILLING: account_no. OMS: order_no. Returns the customer that key belongs to."
    customerByRef(system: SourceSystem!, key: String!): Customer
    "Customers in id order (stable while writes flow). first: default 20, at most the configured cap (100)."
    customers(filter: CustomerFilter, first: Int, after: String): CustomerConnection!
  }

  "All given conditions must hold."
  input CustomerFilter {
    "Status is one of these."
    status: [CustomerStatus!]
    "vipLevel >= this."
    vipLevelAtLeast: Int
    "Rewritten by the view after this instant."
    updatedAfter: DateTime
    "Exact email, compared after trimming and lower-casing both sides."
    email: String
    "Name starts with this, case-insensitively."
    namePrefix: String
  }

  type Customer {
    "CRM cust_id."
    id: ID!
    crmId: String!
    name: String
    "Masked (z***@example.cn) for the agent role."
    email: String
    "Masked (138****0001) for the agent role."
    phone: String
    vipLevel: Int!
    status: CustomerStatusInfo!
    "Newest first (placedAt, then orderNo). first: default 20."
    orders(first: Int, after: String, status: [OrderStatus!]): OrderConnection!
    billingAccounts: [BillingAccount!]!
    openOrders: Int!
    lifetimeSpendFen: BigInt!
    lastOrderAt: DateTime
    "When the view last rewrote this customer."
    updatedAt: DateTime!
    "Newest source commit time among the facts behind this customer: the view is current as of then."
    asOf: DateTime!
  }

  type CustomerStatusInfo {
    value: CustomerStatus!
    "The rule that fired, in the legacy specification's words."
    rule: String!
    "Source commit time of the newest evidence of this value."
    since: DateTime
    "The source facts behind the rule."
    explanation: [StatusEvidence!]!
  }

  type StatusEvidence {
    system: SourceSystem!
    "cust_id, account_no or order_no."
    key: String!
    "The legacy code as stored in the source."
    rawValue: String!
    "Its canonical meaning."
    meaning: String!
    changedAt: DateTime
  }

  type BillingAccount {
    accountNo: String!
    "Canonical billing state, or UNKNOWN."
    state: String!
    rawState: String!
    "numeric(12,2) as decimal text."
    balance: String!
    updatedAt: DateTime!
  }

  type CustomerEdge {
    cursor: String!
    node: Customer!
  }

  type CustomerConnection {
    edges: [CustomerEdge!]!
    pageInfo: PageInfo!
  }

  "Relay cursor connections: pass pageInfo.endCursor as after for the next page."
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  scalar BigInt
  scalar DateTime
`;
