export const orderSdl = /* GraphQL */ `
  enum OrderStatus {
    PENDING_PAYMENT
    PAID
    FULFILLING
    SHIPPED
    DELIVERED
    CANCELLED
    REFUNDING
    REFUNDED
    UNKNOWN
  }

  extend type Query {
    "An OMS order by order_no, linked to its customer or not."
    order(orderNo: String!): Order
  }

  type Order {
    orderNo: String!
    status: OrderStatus!
    "OMS order_state as stored."
    rawState: Int!
    totalFen: BigInt!
    placedAt: DateTime!
    updatedAt: DateTime!
    "Null while the buyer is not (yet) a CRM customer."
    customer: Customer
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    pageInfo: PageInfo!
  }
`;
