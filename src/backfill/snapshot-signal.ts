/**
 * The Debezium signal that re-emits rows of a legacy table: an ad-hoc *blocking* snapshot, sent on
 * the connector's Kafka signal topic. Blocking, not incremental: an incremental snapshot writes
 * watermarks into a signaling table of the source database (or needs MariaDB's GTID read-only mode),
 * and the legacy databases are not ours to change; a blocking snapshot pauses streaming, reads the
 * rows with the given SELECT (Debezium 2.4+, `additional-conditions`), and resumes, so no change is
 * lost and the re-read rows arrive as `r` events the processors apply idempotently. Pure.
 */
import { AppError } from '../shared/errors';

export const LEGACY_TABLES = { crm: 'customers', billing: 'accounts', oms: 'orders' } as const;
export type LegacySystem = keyof typeof LEGACY_TABLES;

export interface SnapshotSignal {
  topic: string;
  key: string;
  value: {
    type: 'execute-snapshot';
    data: {
      'data-collections': string[];
      type: 'BLOCKING';
      'additional-conditions'?: { 'data-collection': string; filter: string }[];
    };
  };
}

/**
 * The signal for `system`'s table, from the live connector config (its topic prefix, signal topic and
 * captured table, which differ between environments), optionally only the rows matching `where`.
 */
export function snapshotSignal(
  system: LegacySystem,
  connectorName: string,
  config: Readonly<Record<string, string>>,
  where?: string,
): SnapshotSignal {
  const channels = (config['signal.enabled.channels'] ?? '').split(',').map((s) => s.trim());
  const topic = config['signal.kafka.topic'];
  const prefix = config['topic.prefix'];
  if (!channels.includes('kafka') || !topic || !prefix)
    throw new AppError(
      'snapshot-unsupported',
      `connector ${connectorName} has no Kafka signal channel (signal.enabled.channels=kafka, signal.kafka.topic, topic.prefix)`,
      { hint: 'add them to its config (connectors/*.json has them) and apply it' },
    );
  const table = LEGACY_TABLES[system];
  const collection = (config['table.include.list'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .find((t) => t === table || t.endsWith(`.${table}`));
  if (!collection)
    throw new AppError(
      'snapshot-unsupported',
      `connector ${connectorName} does not capture a table "${table}" (table.include.list=${config['table.include.list'] ?? ''})`,
    );
  return {
    topic,
    key: prefix,
    value: {
      type: 'execute-snapshot',
      data: {
        'data-collections': [collection],
        type: 'BLOCKING',
        ...(where && {
          'additional-conditions': [
            { 'data-collection': collection, filter: `SELECT * FROM ${collection} WHERE ${where}` },
          ],
        }),
      },
    },
  };
}

/** SQL conditions selecting the rows that decide the given customers (reconcile's targeted repair). */
export function customerRowConditions(
  custIds: readonly string[],
  emails: readonly string[],
): Record<LegacySystem, string> {
  const ids = custIds.map((id) => String(Number(id))).filter((id) => id !== 'NaN');
  const list = (values: string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  const byEmail = emails.length > 0 ? ` OR lower(trim(contact_email)) IN (${list([...emails])})` : '';
  return {
    crm: ids.length > 0 ? `cust_id IN (${ids.join(', ')})` : 'false',
    billing: `${ids.length > 0 ? `trim(crm_ref) IN (${list(ids)})` : 'false'}${byEmail}`,
    // The processors read 'C' + digits, leading zeros and padding allowed (domain/identity.ts).
    oms: ids.length > 0 ? `trim(buyer_code) ~ '^C0*(${ids.join('|')})$'` : 'false',
  };
}
