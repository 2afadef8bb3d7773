export const subscriptionSdl = /* GraphQL */ `
  type Subscription {
    "Status changes from now on (customer-state.v1), optionally for one customer or some statuses."
    customerStatusChanged(customerId: ID, status: [CustomerStatus!]): CustomerStatusChange!
  }

  type CustomerStatusChange {
    customerId: ID!
    "Revision of the customer document; grows with every rewrite."
    version: Int!
    status: CustomerStatus!
    "Null for a customer new to the view."
    previousStatus: CustomerStatus
    rule: String!
    since: DateTime
    "True when CRM deleted the customer."
    removed: Boolean!
    changedAt: DateTime!
    "The customer as the view holds it now (null once removed)."
    customer: Customer
  }
`;
