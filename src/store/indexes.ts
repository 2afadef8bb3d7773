/**
 * The view's indexes, created idempotently by whichever service starts first (processors or API).
 * Plain MongoDB: the local stack adds what its FerretDB needs on its own side (docs/ferretdb.md).
 */
import type { Db } from 'mongodb';
import { collections } from './collections';

export async function ensureIndexes(db: Db): Promise<void> {
  const { facts, customers, orders } = collections(db);
  await facts.createIndex({ system: 1, emailNorm: 1 }, { name: 'system_email' });
  await facts.createIndex({ refCustId: 1 }, { name: 'ref' });
  await facts.createIndex({ linkedCustId: 1 }, { name: 'linked' });
  await customers.createIndex({ 'status.value': 1, _id: 1 }, { name: 'status' });
  await customers.createIndex({ vipLevel: 1, _id: 1 }, { name: 'vip' });
  await customers.createIndex({ updatedAt: 1, _id: 1 }, { name: 'updated' });
  await customers.createIndex({ emailNorm: 1 }, { name: 'email' });
  await customers.createIndex({ nameLower: 1 }, { name: 'name_prefix' });
  await customers.createIndex({ accountNos: 1 }, { name: 'account_nos' });
  await orders.createIndex({ custId: 1, placedAt: -1, _id: -1 }, { name: 'customer_orders' });
}
