/**
 * The Apollo Client cache setup this API needs (docs/graphql.md): Customer, Order and BillingAccount
 * are normalized by their global `id` with Apollo's defaults; the connections merge their pages with
 * relayStylePagination, both directions; value objects without an id merge into their parent.
 * Tested against the running API in test/integration/graphql-apollo-client.test.ts.
 */
import { InMemoryCache, type Reference, type TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** The implementations of each interface, so fragments on Node match in the cache. */
export const possibleTypes = { Node: ['BillingAccount', 'Customer', 'Order'] };

export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      // One cached list per filter; first/after/last/before are the pages of that list.
      customers: relayStylePagination(['filter']),
      // node(id) and customer(id) of an already cached object are answered from the cache.
      node: { read: (_, { args, toReference, canRead }) => cachedNode(args?.id, toReference, canRead) },
    },
  },
  Customer: { fields: { orders: relayStylePagination(['status']) } },
  // Embedded objects without an identity: a newer one is merged into the cached one.
  CustomerStatusInfo: { merge: true },
  Money: { merge: true },
};

function cachedNode(
  id: unknown,
  toReference: (o: { __typename: string; id: string }) => Reference | undefined,
  canRead: (ref: Reference) => boolean,
): Reference | undefined {
  if (typeof id !== 'string') return undefined;
  // The id is opaque to clients, so the cache tries each type; a miss falls through to the network.
  for (const __typename of possibleTypes.Node) {
    const ref = toReference({ __typename, id });
    if (ref && canRead(ref)) return ref;
  }
  return undefined;
}

export function createApiCache() {
  return new InMemoryCache({ possibleTypes, typePolicies });
}
