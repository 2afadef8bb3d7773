/** `Customer.statusHistory`: since when, and why (issue 10, item 4). */
export const statusHistorySdl = /* GraphQL */ `
  extend type Customer {
    "Every change of this customer's status, newest first, with the rule and the facts behind it. The view keeps the newest STATUS_HISTORY_LIMIT (default 50) changes per customer, from the first status it gave the customer; a customer CRM deletes leaves the view with its history."
    statusHistory(
      "Changes from the newest on (or from just older than after). Default 20, at most the page cap (GRAPHQL_MAX_PAGE_SIZE)."
      first: Int
      "A cursor of this connection: the changes older than that one."
      after: String
      "The oldest changes (or those just newer than before), instead of first."
      last: Int
      "A cursor of this connection: the changes newer than that one."
      before: String
    ): StatusChangeConnection!
  }

  "One change of a customer's canonical status, as the view recorded it. Immutable once recorded."
  type StatusChange {
    "The view's revision of the customer that made the change (the version of its customer-state.v1 record); unique per customer, grows with time."
    version: Int!
    "The status from this change on."
    status: CustomerStatus!
    "The status before it; null for the first status the view gave the customer."
    previousStatus: CustomerStatus
    "The rule that gave the new status, in the legacy specification's words."
    rule: String!
    "The source facts behind the rule, the first five of them (evidenceCount says how many there were)."
    evidence: [StatusEvidence!]!
    "How many source facts were behind the rule."
    evidenceCount: Int!
    "Source time of the newest evidence: when the new status took hold in the legacy systems; null when the sources gave none."
    since: DateTime
    "Newest source commit time among the customer's facts when the view made the change."
    committedAt: DateTime!
    "When the view recorded the change."
    recordedAt: DateTime!
    "Version of the code maps the status was derived with: a change that comes with a new version may come from a remap rather than from the sources."
    codeMapsVersion: Int!
  }

  "An edge of a status history."
  type StatusChangeEdge {
    "Where this change is in the history: pass it as after or before."
    cursor: String!
    "The change."
    node: StatusChange!
  }

  "A page of a customer's status history, newest first."
  type StatusChangeConnection {
    "The changes of this page, newest first."
    edges: [StatusChangeEdge!]!
    "Where this page is and whether more exist."
    pageInfo: PageInfo!
    "Changes the view keeps for this customer over all pages (read with the customer: free)."
    totalCount: Int!
  }
`;
