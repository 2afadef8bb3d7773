import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { createConnectClient } from '../../../src/connect/connect-client';
import {
  composeConnector,
  loadConnectorDefinitions,
  loadFormatOverlay,
  type ConnectorFormat,
} from '../../../src/connect/connector-configs';
import { rolloutConnector, waitForRunning } from '../../../src/connect/rollout';
import { createAdmin } from '../../../src/kafka/kafka-client';
import { endpoints } from './endpoints';
import { uniqueName, waitFor } from './wait-for';

export type LegacySystem = 'crm' | 'billing' | 'oms';

const connect = createConnectClient({ baseUrl: endpoints.CONNECT_URL });

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Runs SQL against a database of the system's server, as the admin of the local stack (or the URL given). */
export async function sql(
  system: LegacySystem,
  db: string,
  text: string,
  params: unknown[] = [],
): Promise<unknown[]> {
  if (system === 'crm') {
    const conn = await mysql.createConnection({
      uri: withDb(endpoints.CRM_MARIADB_URL, db),
      multipleStatements: true,
    });
    try {
      const [rows] = await conn.query(text, params);
      return rows as unknown[];
    } finally {
      await conn.end();
    }
  }
  const client = new Client({
    connectionString: withDb(system === 'billing' ? endpoints.BILLING_PG_URL : endpoints.OMS_PG_URL, db),
  });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const DDL: Record<LegacySystem, { file: string; table: string }> = {
  crm: { file: 'demo/legacy/crm.mariadb.sql', table: 'customers' },
  billing: { file: 'demo/legacy/billing.postgres.sql', table: 'accounts' },
  oms: { file: 'demo/legacy/oms.postgres.sql', table: 'orders' },
};

export interface LegacyCopy {
  system: LegacySystem;
  db: string;
  connector: string;
  topic: string;
  drop(): Promise<void>;
}

/**
 * A private copy of one legacy database (the demo schema and sample rows) captured by its own
 * connector, built from the committed definition in connectors/ with only the names changed, so
 * tests exercise the real configs without touching the demo databases or each other.
 */
export async function createLegacyCopy(
  system: LegacySystem,
  format: ConnectorFormat,
  { partitions = 1 }: { partitions?: number } = {},
): Promise<LegacyCopy> {
  const db = uniqueName(`${system}_t`);
  const topic = `${db}.${system === 'crm' ? db : 'public'}.${DDL[system].table}`;
  if (partitions > 1) {
    // Connect keeps a topic that exists: rows spread over partitions by key, as in a scaled deployment.
    const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test-admin' });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }
  const ddl = fs.readFileSync(path.join(REPO_ROOT, DDL[system].file), 'utf8');
  if (system === 'crm') {
    await sql('crm', 'mysql', ddl.replace(/\bcrm\b/g, db));
  } else {
    await sql(system, 'postgres', `CREATE DATABASE ${db}`);
    await sql(system, db, ddl);
    await sql(system, db, fs.readFileSync(path.join(REPO_ROOT, 'stack/sql/postgres-cdc.sql'), 'utf8'));
    await sql(system, db, `CREATE PUBLICATION ${db} FOR TABLE ${DDL[system].table}`);
  }

  const def = loadConnectorDefinitions(path.join(REPO_ROOT, 'connectors')).find((d) => d.name === system);
  if (!def) throw new Error(`no connector definition for ${system}`);
  const overrides: Record<string, string> =
    system === 'crm'
      ? {
          'database.include.list': db,
          'table.include.list': `${db}.customers`,
          'database.server.id': String(6000 + Math.floor(Math.random() * 50_000)),
          'schema.history.internal.kafka.topic': `_schema-history.${db}`,
        }
      : {
          'database.dbname': db,
          'slot.name': db,
          'publication.name': db,
          // The slot belongs to this throw-away database; drop it with the connector.
          'slot.drop.on.stop': 'true',
        };
  const name = db.replace(/_/g, '-');
  const deployed = composeConnector(def, loadFormatOverlay(path.join(REPO_ROOT, 'connectors'), format), {
    ...overrides,
    name,
    'topic.prefix': db,
    'signal.kafka.topic': `_signals.${db}`,
  });
  await rolloutConnector(connect, deployed);
  await waitForRunning(connect, name, 90_000);

  return {
    system,
    db,
    connector: name,
    topic,
    async drop() {
      await connect.remove(name);
      if (system === 'crm') {
        await sql('crm', 'mysql', `DROP DATABASE IF EXISTS ${db}`);
        return;
      }
      await waitFor(`slot ${db} released`, async () => {
        const slots = await sql(
          system,
          'postgres',
          'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
          [db],
        );
        if (slots.length === 0) return true;
        if ((slots[0] as { active: boolean }).active) return false;
        await sql(system, 'postgres', 'SELECT pg_drop_replication_slot($1)', [db]);
        return true;
      });
      await sql(system, 'postgres', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    },
  };
}

const CRM_CODES = ['A', 'I', 'P', 'F', 'X'];
const BILLING_STATES = ['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'CLOSED'];
const ORDER_STATES = [10, 20, 50, 70, 90];

/** Step `i` of a steady churn over the sample rows of all three systems (one statement each). */
export async function churnStep(
  copies: { crm: string; billing: string; oms: string },
  i: number,
): Promise<void> {
  await sql('crm', copies.crm, 'UPDATE customers SET cust_status = ? WHERE cust_id = ?', [
    CRM_CODES[i % 5],
    1001 + (i % 10),
  ]);
  await sql('billing', copies.billing, 'UPDATE accounts SET acct_state = $1 WHERE account_no = $2', [
    BILLING_STATES[(i * 3) % 5],
    `BA0000000${1 + (i % 7)}`,
  ]);
  await sql('oms', copies.oms, 'UPDATE orders SET state = $1 WHERE id = $2', [
    ORDER_STATES[i % 5],
    1 + (i % 8),
  ]);
}
