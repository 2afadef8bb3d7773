/**
 * Stored facts read back as domain facts, raw codes mapped again with the current code maps: a
 * mapping change followed by a rebuild (`remap`) needs no replay of Kafka.
 */
import type { CodeMaps } from '../domain/code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../domain/facts';
import type { AccountFactDoc, CrmFactDoc, LiveFactDoc, OrderFactDoc } from './fact-docs';

export interface FactReader {
  crm(doc: LiveFactDoc<CrmFactDoc>): CrmCustomerFact;
  account(doc: LiveFactDoc<AccountFactDoc>): BillingAccountFact;
  order(doc: LiveFactDoc<OrderFactDoc>): OrderFact;
}

export function storedFacts(codeMaps: CodeMaps): FactReader {
  return {
    crm: ({ fact }) => ({ ...fact, status: codeMaps.crmStatus(fact.rawStatus) }),
    account: ({ fact }) => ({ ...fact, state: codeMaps.billingState(fact.rawState) }),
    order: ({ fact }) => ({
      ...fact,
      totalFen: BigInt(fact.totalFen),
      status: codeMaps.orderStatus(fact.rawState),
    }),
  };
}
