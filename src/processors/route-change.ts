/** Which pure table mapper a topic's events go through. */
import type { CodeMaps } from '../domain/code-maps';
import type { ChangeEvent } from './decode/change-event';
import { mapBillingAccount } from './tables/billing-accounts';
import { mapCrmCustomer } from './tables/crm-customers';
import type { MapResult } from './tables/fact-change';
import { mapOmsOrder } from './tables/oms-orders';

export interface RouteConfig {
  crmTopic: string;
  billingTopic: string;
  omsTopic: string;
  crmTimeZone: string;
  omsTimeZone: string;
}

export function createRouter(config: RouteConfig, codeMaps: CodeMaps) {
  const routes = new Map<string, (e: ChangeEvent) => MapResult>([
    [config.crmTopic, (e) => mapCrmCustomer(e, { codeMaps, timeZone: config.crmTimeZone })],
    [config.billingTopic, (e) => mapBillingAccount(e, { codeMaps })],
    [config.omsTopic, (e) => mapOmsOrder(e, { codeMaps, timeZone: config.omsTimeZone })],
  ]);
  const systems = new Map<string, 'CRM' | 'BILLING' | 'OMS'>([
    [config.crmTopic, 'CRM'],
    [config.billingTopic, 'BILLING'],
    [config.omsTopic, 'OMS'],
  ]);
  return {
    topics: [...routes.keys()],
    /** The source system behind a topic (metrics, progress). */
    systemOf(topic: string): 'CRM' | 'BILLING' | 'OMS' | null {
      return systems.get(topic) ?? null;
    },
    map(topic: string, event: ChangeEvent): MapResult {
      const route = routes.get(topic);
      return route
        ? route(event)
        : { ok: false, reason: 'unsupported-op', detail: `no mapper for topic ${topic}` };
    },
  };
}
