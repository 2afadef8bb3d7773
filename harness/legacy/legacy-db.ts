/**
 * Private copies of the legacy databases for integration tests, benchmarks and fault injection: the
 * demo schema and sample rows of demo/legacy/, each captured by its own Debezium connector built
 * from the committed definition in connectors/ with only names changed, so callers exercise the real
 * configs without touching the demo databases or each other.
 */
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { Endpoints } from '../../src/config/endpoints';
import { REPO_ROOT } from '../../src/config/stack-config';
import { createConnectClient } from '../../src/connect/connect-client';
import {
  composeConnector,
  loadConnectorDefinitions,
  loadFormatOverlay,
  type ConnectorFormat,
} from '../../src/connect/connector-configs';
import { rolloutConnector, waitForRunning } from '../../src/connect/rollout';
import { createAdmin } from '../../src/kafka/kafka-client';
import { uniqueName, waitFor } from '../wait-for';

export type LegacySystem = 'crm' | 'billing' | 'oms';

export type LegacyEndpoints = Pick<
  Endpoints,
  'CONNECT_URL' | 'KAFKA_BROKERS' | 'CRM_MARIADB_URL' | 'BILLING_PG_URL' | 'OMS_PG_URL'
>;

/** Runs one SQL text against a database of a system's server. */
export type Sql = (system: LegacySystem, db: string, text: string, params?: unknown[]) => Promise<unknown[]>;

export interface LegacyCopy {
  system: LegacySystem;
  db: string;
  connector: string;
  topic: string;
  drop(): Promise<void>;
}

/** The URL of database `db` on the server of `system`, as the admin of the given endpoints. */
export function legacyUrl(endpoints: LegacyEndpoints, system: LegacySystem, db: string): string {
  const base =
    system === 'crm'
      ? endpoints.CRM_MARIADB_URL
      : system === 'billing'
        ? endpoints.BILLING_PG_URL
        : endpoints.OMS_PG_URL;
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
}

export const LEGACY_TABLES: Record<LegacySystem, { file: string; table: string }> = {
  crm: { file: 'demo/legacy/crm.mariadb.sql', table: 'customers' },
  billing: { file: 'demo/legacy/billing.postgres.sql', table: 'accounts' },
  oms: { file: 'demo/legacy/oms.postgres.sql', table: 'orders' },
};

export function createLegacyDb(endpoints: LegacyEndpoints) {
  const connect = createConnectClient({ baseUrl: endpoints.CONNECT_URL });

  /** Runs SQL against a database of the system's server, as the admin of the endpoints given. */
  const sql: Sql = async (system, db, text, params = []) => {
    if (system === 'crm') {
      const conn = await mysql.createConnection({
        uri: legacyUrl(endpoints, 'crm', db),
        multipleStatements: true,
        connectTimeout: 10_000,
      });
      conn.on('error', () => undefined); // as for PostgreSQL below: the query's rejection carries it
      try {
        const [rows] = await conn.query(text, params);
        return rows as unknown[];
      } finally {
        await conn.end();
      }
    }
    const client = new Client({
      connectionString: legacyUrl(endpoints, system, db),
      connectionTimeoutMillis: 10_000,
    });
    // A server going away (a restart under fault injection) also emits 'error' on the client; the
    // query's rejection already carries it, and unhandled the event would end the process.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  /**
   * A private copy of one legacy database captured by its own connector. `partitions` > 1 creates the
   * topic first, so rows spread over partitions by key as in a scaled deployment.
   */
  async function createLegacyCopy(
    system: LegacySystem,
    format: ConnectorFormat,
    {
      partitions = 1,
      prefix = `${system}_t`,
      dropSlotOnStop = true,
    }: {
      partitions?: number;
      prefix?: string;
      /**
       * PostgreSQL: the connector drops its slot when it stops (default, for throw-away copies). Off for
       * fault injection: a Connect restart would lose the slot, and with it the changes in between.
       */
      dropSlotOnStop?: boolean;
    } = {},
  ): Promise<LegacyCopy> {
    const db = uniqueName(prefix);
    const topic = `${db}.${system === 'crm' ? db : 'public'}.${LEGACY_TABLES[system].table}`;
    if (partitions > 1) {
      // Connect keeps a topic that exists.
      const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test-admin' });
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
    }
    const ddl = fs.readFileSync(path.join(REPO_ROOT, LEGACY_TABLES[system].file), 'utf8');
    if (system === 'crm') {
      await sql('crm', 'mysql', ddl.replace(/\bcrm\b/g, db));
    } else {
      await sql(system, 'postgres', `CREATE DATABASE ${db}`);
      await sql(system, db, ddl);
      await sql(system, db, fs.readFileSync(path.join(REPO_ROOT, 'stack/sql/postgres-cdc.sql'), 'utf8'));
      await sql(system, db, `CREATE PUBLICATION ${db} FOR TABLE ${LEGACY_TABLES[system].table}`);
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
            'slot.drop.on.stop': String(dropSlotOnStop),
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

  return { sql, createLegacyCopy };
}
export type LegacyDb = ReturnType<typeof createLegacyDb>;
