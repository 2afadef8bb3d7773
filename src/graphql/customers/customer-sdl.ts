export const customerSdl = /* GraphQL */ `
  "Where a fact came from: one of the three legacy systems of record."
  enum SourceSystem {
    "The CRM (MariaDB): customers, keyed by cust_id."
    CRM
    "Billing (PostgreSQL): accounts, keyed by account_no."
    BILLING
    "The order management system (PostgreSQL): orders, keyed by order_no."
    OMS
  }

  "The canonical lifecycle status: the first rule of the legacy specification that holds wins."
  enum CustomerStatus {
    "Rule 7: CRM code P (signed up, never bought)."
    PROSPECT
    "Rule 5: CRM code A, or code P with an order paid, fulfilling, shipped or delivered."
    ACTIVE
    "Rule 6: CRM code I (dormant by CRM's own rule)."
    INACTIVE
    "Rule 4: a linked billing account is GRACE or DUNNING."
    DELINQUENT
    "Rule 3: a linked billing account is SUSPENDED or WRITTEN_OFF."
    SUSPENDED
    "Rule 1: CRM code F (fraud or compliance hold)."
    BLOCKED
    "Rule 2: CRM code X (closed at the customer's request)."
    CLOSED
    "CRM's own code is not in the code maps and no billing rule applies: never guessed."
    UNKNOWN
  }

  "Reads of the materialized view. Nothing here writes."
  type Query {
    "A customer by its global id or, as before global ids, by CRM cust_id; null when there is none."
    customer("A Customer global id (Customer.id) or a CRM cust_id (Customer.crmId)." id: ID!): Customer
    "The customer a key of any legacy system belongs to; null when none does."
    customerByRef(
      "The system the key comes from."
      system: SourceSystem!
      "CRM: cust_id. BILLING: account_no. OMS: order_no. Surrounding spaces are ignored."
      key: String!
    ): Customer
    "Customers in CRM cust_id order, stable while writes flow. Forwards with first/after, backwards with last/before."
    customers(
      "Conditions the customers must all meet; none: every customer."
      filter: CustomerFilter
      "Page size going forwards: default 20, at most the configured cap (100). Not with last."
      first: Int
      "Start after this cursor (an endCursor or edge cursor of this connection)."
      after: String
      "Page size going backwards: the last n customers before before (or of all). At most the cap."
      last: Int
      "End before this cursor (a startCursor or edge cursor of this connection)."
      before: String
    ): CustomerConnection!
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

  "A CRM customer with everything the other systems know of it, merged into one status."
  type Customer implements Node {
    "Opaque global id (Node). Before global ids this field held the CRM cust_id: read crmId for that."
    id: ID!
    "CRM cust_id: the customer's key in CRM and for customerByRef(system: CRM)."
    crmId: String!
    "The name as CRM has it."
    name: String
    "Masked (z***@example.cn) for the agent role; as CRM stores it (untrimmed) for the others."
    email: String
    "Masked (138****0001) for the agent role."
    phone: String
    "CRM vip_level, 0 to 3."
    vipLevel: Int!
    "The canonical status, the rule that gave it and the facts behind that rule."
    status: CustomerStatusInfo!
    "The customer's OMS orders, newest first (placedAt, then orderNo). Null (with an error) when they cannot be read, e.g. for a bad cursor: the customer still answers."
    orders(
      "Page size going forwards: default 20, at most the cap. Not with last."
      first: Int
      "Start after this cursor of this connection."
      after: String
      "Page size going backwards (towards newer orders): at most the cap."
      last: Int
      "End before this cursor of this connection."
      before: String
      "Only orders in one of these statuses."
      status: [OrderStatus!]
    ): OrderConnection
    "The linked billing accounts, by account number."
    billingAccounts: [BillingAccount!]!
    "Orders in PENDING_PAYMENT, PAID, FULFILLING, SHIPPED or REFUNDING."
    openOrders: Int!
    "Sum of the totals of orders in PAID, FULFILLING, SHIPPED or DELIVERED."
    lifetimeSpend: Money!
    "Lifetime spend in fen as a decimal string."
    lifetimeSpendFen: BigInt!
      @deprecated(reason: "Use lifetimeSpend (Money): lifetimeSpend.minorUnits is the same fen value.")
    "placedAt of the newest order; null without orders."
    lastOrderAt: DateTime
    "When the view last rewrote this customer."
    updatedAt: DateTime!
    "Newest source commit time among the facts behind this customer: the view is current as of then."
    asOf: DateTime!
  }

  "A customer's status and why it has it. Embedded in its customer: it has no id of its own."
  type CustomerStatusInfo {
    "The canonical status."
    value: CustomerStatus!
    "The rule that fired, in the legacy specification's words."
    rule: String!
    "Source commit time of the newest evidence of this value; null when the sources gave none."
    since: DateTime
    "The source facts behind the rule."
    explanation: [StatusEvidence!]!
  }

  "One source fact a status rule used."
  type StatusEvidence {
    "The system the fact comes from."
    system: SourceSystem!
    "Its key there: cust_id, account_no or order_no."
    key: String!
    "The legacy code as stored in the source, as text."
    rawValue: String!
    "Its canonical meaning (a CRM meaning, a billing state or an order status), UNKNOWN when unmapped."
    meaning: String!
    "Source commit time of the fact; null when the source did not say."
    changedAt: DateTime
  }

  "An edge of the customers connection."
  type CustomerEdge {
    "Where this customer is in the connection: pass it as after or before."
    cursor: String!
    "The customer."
    node: Customer!
  }

  "A page of customers."
  type CustomerConnection {
    "The customers of this page, in connection order."
    edges: [CustomerEdge!]!
    "Where this page is and whether more exist."
    pageInfo: PageInfo!
    """
    Customers matching the filter over all pages, counted up to the count limit (GRAPHQL_MAX_COUNT,
    10000): see totalCountExact. One count query, made only when asked for; null (with an error) when
    it could not be made, the page itself still answers.
    """
    totalCount: Int
    "False when totalCount stopped at the count limit: show it as 10000+."
    totalCountExact: Boolean
  }
`;
