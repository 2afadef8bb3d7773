/**
 * Subscription clients for the API tests: GraphQL over SSE (yoga's built-in "distinct connections"
 * mode: one POST with Accept: text/event-stream) and graphql-ws; plus a producer of Avro
 * customer-state.v1 events on a private topic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { createAdmin, createProducer } from '../../../src/kafka/kafka-client';
import { createRegistryClient } from '../../../src/schema-registry/registry-client';
import { endpoints } from './endpoints';

export interface Received {
  events: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Subscribes over SSE and collects every `next` payload until closed. */
export async function sseSubscribe(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  bearer?: string,
): Promise<Received & { status: number }> {
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const events: Record<string, unknown>[] = [];
  const reading = (async () => {
    if (!res.body || !res.headers.get('content-type')?.includes('text/event-stream')) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (/^event: next/m.test(block) && data) events.push(JSON.parse(data) as Record<string, unknown>);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    events,
    async close() {
      abort.abort();
      await reading;
    },
  };
}

export function wsClient(url: string, bearer?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws and collects every result (data or errors) until closed. */
export function wsSubscribe(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): Received & {
  errors: unknown[];
} {
  const events: Record<string, unknown>[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (v) => events.push(v as Record<string, unknown>),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    async close() {
      dispose();
    },
  };
}

export interface StatusEventInput {
  customerId: string;
  version: number;
  status: string;
  previousStatus?: string | null;
  rule?: string;
  removed?: boolean;
}

/** A private customer-state.v1 topic with the real schema registered, and a way to publish to it. */
export async function createStateTopic(topic: string) {
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  const registry = createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL });
  const schema = fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'customer-state.v1.avsc'), 'utf8');
  const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject: `${topic}-value` });
  const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-test' });
  await producer.connect();
  return {
    async publish(e: StatusEventInput) {
      const now = BigInt(Date.now());
      const value = await registry.encode(id, {
        customerId: e.customerId,
        version: BigInt(e.version),
        status: e.status,
        previousStatus: e.previousStatus ?? null,
        rule: e.rule ?? `test ${e.status}`,
        since: now,
        removed: e.removed ?? false,
        changedAt: now,
      });
      await producer.send({ topic, messages: [{ key: e.customerId, value }] });
    },
    async drop() {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
