/**
 * Publishes status changes to `customer-state.v1` (Avro, schemas/customer-state.v1.avsc, registered
 * under `<topic>-value`), keyed by customer id so one customer's changes stay in one partition.
 * Entries come from the customer documents' outbox and are acknowledged there only after Kafka
 * acknowledged them: at least once, and consumers drop versions they have seen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { REPO_ROOT } from '../config/stack-config';
import type { Producer } from '../kafka/kafka-client';
import type { OutboxEntry } from '../store/create-store';
import type { StatusEvent } from '../store/customer-doc';

export const STATE_SCHEMA_FILE = path.join(REPO_ROOT, 'schemas', 'customer-state.v1.avsc');

/** The Avro record of one event (longs as bigint, as the registry client encodes them). */
export function toAvroRecord(e: StatusEvent): Record<string, unknown> {
  return {
    customerId: e.customerId,
    version: BigInt(e.version),
    status: e.status,
    previousStatus: e.previousStatus,
    rule: e.rule,
    since: e.since ? BigInt(e.since.getTime()) : null,
    removed: e.removed,
    changedAt: BigInt(e.changedAt.getTime()),
  };
}

export function createStatePublisher(deps: {
  producer: Producer;
  registry: SchemaRegistry;
  topic: string;
  /** Clears published entries from the outbox they came from. */
  ack: (entries: OutboxEntry[]) => Promise<void>;
}) {
  let schemaId: number | null = null;

  return {
    /** Registers the schema (idempotent: the registry returns the existing id). */
    async start(): Promise<number> {
      const schema = fs.readFileSync(STATE_SCHEMA_FILE, 'utf8');
      const { id } = await deps.registry.register(
        { type: SchemaType.AVRO, schema },
        { subject: `${deps.topic}-value` },
      );
      schemaId = id;
      return id;
    },
    /** Sends the entries, waits for all in-sync replicas, then clears them from the outbox. */
    async publish(entries: OutboxEntry[]): Promise<number> {
      if (schemaId === null) throw new Error('state publisher used before start()');
      const id = schemaId;
      const events = entries.flatMap((en) => en.events);
      if (events.length === 0) return 0;
      const messages = await Promise.all(
        events.map(async (e) => ({
          key: e.customerId,
          value: await deps.registry.encode(id, toAvroRecord(e)),
        })),
      );
      await deps.producer.send({ topic: deps.topic, acks: -1, messages });
      await deps.ack(entries);
      return events.length;
    },
  };
}
export type StatePublisher = ReturnType<typeof createStatePublisher>;
