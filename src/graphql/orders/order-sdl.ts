export const orderSdl = /* GraphQL */ `
  "The canonical order status (OMS orders.state through the code maps)."
  enum OrderStatus {
    "Codes 10, 11: waiting for payment."
    PENDING_PAYMENT
    "Code 20: paid."
    PAID
    "Codes 30, 31: being picked and packed."
    FULFILLING
    "Code 40: handed to the carrier."
    SHIPPED
    "Code 50: delivered."
    DELIVERED
    "Code 70: cancelled."
    CANCELLED
    "Code 80: refund in progress."
    REFUNDING
    "Code 90: refunded."
    REFUNDED
    "The legacy code is not in the code maps: never guessed (see rawValue)."
    UNKNOWN
  }

  extend type Query {
    "An OMS order by order_no, linked to a customer or not; null when there is none."
    order("OMS order_no. Surrounding spaces are ignored." orderNo: String!): Order
  }

  "An OMS order."
  type Order implements Node {
    "Opaque global id (Node)."
    id: ID!
    "OMS order_no: the order's key in OMS and for customerByRef(system: OMS)."
    orderNo: String!
    "Canonical status."
    status: OrderStatus!
    "The legacy order_state as stored, as text (e.g. 20)."
    rawValue: String!
    "The legacy order_state as stored."
    rawState: Int!
      @deprecated(
        reason: "Use rawValue: the raw code has one name and type (String) on Order, BillingAccount and StatusEvidence."
      )
    "The order's total."
    total: Money!
    "The total in fen as a decimal string."
    totalFen: BigInt! @deprecated(reason: "Use total (Money): total.minorUnits is the same fen value.")
    "When the order was placed."
    placedAt: DateTime!
    "When OMS last changed the order (placedAt when it never did)."
    updatedAt: DateTime!
    "Null while the buyer is not (yet) a CRM customer."
    customer: Customer
  }

  "An edge of a customer's orders connection."
  type OrderEdge {
    "Where this order is in the connection: pass it as after or before."
    cursor: String!
    "The order."
    node: Order!
  }

  "A page of a customer's orders."
  type OrderConnection {
    "The orders of this page, newest first."
    edges: [OrderEdge!]!
    "Where this page is and whether more exist."
    pageInfo: PageInfo!
    "The customer's orders matching the status argument, over all pages; null (with an error) when they could not be counted."
    totalCount: Int
  }
`;
