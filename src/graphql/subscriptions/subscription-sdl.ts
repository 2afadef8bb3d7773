export const subscriptionSdl = /* GraphQL */ `
  "Live changes (SSE or graphql-ws on /graphql)."
  type Subscription {
    "Status changes from now on (customer-state.v1), optionally for one customer or some statuses."
    customerStatusChanged(
      "Only this customer: a Customer global id or a CRM cust_id."
      customerId: ID
      "Only changes into one of these statuses."
      status: [CustomerStatus!]
    ): CustomerStatusChange!
  }

  "A customer's status changed (one customer-state.v1 record)."
  type CustomerStatusChange {
    "The customer's CRM cust_id (its crmId, not its global id: the record's key)."
    customerId: ID!
    "Revision of the customer document; grows with every rewrite."
    version: Int!
    "The new status."
    status: CustomerStatus!
    "Null for a customer new to the view."
    previousStatus: CustomerStatus
    "The rule that gave the new status."
    rule: String!
    "Source commit time of the newest evidence of the new status."
    since: DateTime
    "True when CRM deleted the customer."
    removed: Boolean!
    "When the view made the change."
    changedAt: DateTime!
    "The customer as the view holds it now (null once removed)."
    customer: Customer
  }
`;
