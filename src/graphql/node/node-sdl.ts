/** Relay's object identification: one id namespace over customers, orders and billing accounts. */
export const nodeSdl = /* GraphQL */ `
  "An object with an opaque global id: any of them can be refetched with node(id)."
  interface Node {
    "Opaque global id, stable for the object's life. Do not parse it: use the natural keys instead."
    id: ID!
  }

  extend type Query {
    "The object with this global id; null when it does not exist or the id is not one this API issued."
    node("A global id from any Node's id field." id: ID!): Node
    "The objects with these global ids, in the same order, null for each one that does not exist."
    nodes(
      "Global ids, at most the configured page size cap (GRAPHQL_MAX_PAGE_SIZE, 100)."
      ids: [ID!]!
    ): [Node]!
  }
`;
