/**
 * The legacy sample rows (demo/legacy/*.sql) as facts, mapped with the shipped code maps. A test of
 * the rules, not of decoding: the decoders are tested on captured Debezium events.
 */
import codeMapsJson from '../../../mappings/code-maps.json';
import { createCodeMaps } from '../../../src/domain/code-maps';
import type { BillingAccountFact, CrmCustomerFact, OrderFact } from '../../../src/domain/facts';

export const codeMaps = createCodeMaps(codeMapsJson);

const crm = (
  custId: number,
  name: string,
  email: string | null,
  rawStatus: string,
  vipLevel: number,
): CrmCustomerFact => ({
  custId: String(custId),
  name,
  email,
  mobile: null,
  rawStatus,
  status: codeMaps.crmStatus(rawStatus),
  vipLevel,
  changedAt: null,
});
export const CUSTOMERS: CrmCustomerFact[] = [
  crm(1001, 'Zhang Wei', 'zhang.wei@example.cn', 'A', 2),
  crm(1002, 'Li Na', ' Li.Na@Example.CN ', 'A', 0),
  crm(1003, 'Wang Fang', 'wang.fang@example.cn', 'P', 0),
  crm(1004, 'Liu Yang', 'liu.yang@example.cn', 'P', 0),
  crm(1005, 'Chen Jing', 'chen.jing@example.cn', 'F', 1),
  crm(1006, 'Yang Min', 'yang.min@example.cn', 'X', 0),
  crm(1007, 'Zhao Lei', 'zhao.lei@example.cn', 'I', 0),
  crm(1008, 'Huang Li', 'huang.li@example.cn', 'A', 1),
  crm(1009, 'Zhou Jie', 'zhou.jie@example.cn', 'A', 3),
  crm(1010, 'Wu Xia', null, 'A', 0),
];

const account = (
  accountNo: string,
  crmRef: string | null,
  contactEmail: string,
  rawState: string,
  balance: string,
): BillingAccountFact => ({
  accountNo,
  crmRef,
  contactEmail,
  rawState,
  state: codeMaps.billingState(rawState),
  balance,
  changedAt: null,
});
export const ACCOUNTS: BillingAccountFact[] = [
  account('BA00000001', '1001', 'zhang.wei@example.cn', 'OPEN', '0.00'),
  account('BA00000002', null, 'li.na@example.cn', 'GRACE', '120.50'),
  account('BA00000003', '1008', 'huang.li@example.cn', 'DUNNING', '980.00'),
  account('BA00000004', '1009', 'zhou.jie@example.cn', 'SUSPENDED', '5230.00'),
  account('BA00000005', '1009', 'zhou.jie@example.cn', 'OPEN', '0.00'),
  account('BA00000006', null, 'nobody@example.cn', 'OPEN', '0.00'),
  account('BA00000007', '1006', 'yang.min@example.cn', 'WRITTEN_OFF', '310.00'),
];

const order = (
  orderNo: string,
  buyerCode: string,
  rawState: number,
  totalFen: bigint,
  placedAtUtc: string,
): OrderFact => ({
  orderNo,
  buyerCode,
  rawState,
  status: codeMaps.orderStatus(rawState),
  totalFen,
  placedAt: new Date(placedAtUtc),
  changedAt: null,
});
// placed_at is Asia/Shanghai local time in OMS: 2026-10-01 10:00 there is 02:00Z.
export const ORDERS: OrderFact[] = [
  order('SO2026000001', 'C1001', 50, 12900n, '2026-10-01T02:00:00Z'),
  order('SO2026000002', 'C1001', 40, 5900n, '2026-11-18T13:30:00Z'),
  order('SO2026000003', 'C1003', 20, 39900n, '2026-11-25T05:45:00Z'),
  order('SO2026000004', 'C1004', 70, 1500n, '2026-11-03T01:00:00Z'),
  order('SO2026000005', 'C1008', 11, 22000n, '2026-11-26T14:10:00Z'),
  order('SO2026000006', 'C1002', 90, 8800n, '2026-09-09T01:00:00Z'),
  order('SO2017000007', 'C1007', 45, 3300n, '2017-05-04T21:05:00Z'),
  order('SO2026000008', 'C9999', 10, 100n, '2026-11-27T15:59:00Z'),
];
