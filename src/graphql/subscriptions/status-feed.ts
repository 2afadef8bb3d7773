/**
 * One Kafka consumer per API instance on `customer-state.v1`, fanned out in memory to every
 * subscriber. Its consumer group is private to the instance (every instance must see every event)
 * and starts at the latest offset: a subscription promises changes from now on, not history. The
 * group is deleted on stop so restarts leave no dead groups behind.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { createPubSub, filter, pipe } from 'graphql-yoga';
import { createAdmin, createConsumer, type Admin, type Consumer } from '../../kafka/kafka-client';
import type { Log } from '../../shared/logger';
import { matches, toStatusChange, type StatusChange } from './status-change';

export interface StatusFeedOptions {
  brokers: string[];
  topic: string;
  /** Avro (Confluent wire format) to a record; the registry client's `decode`. */
  decode: (buffer: Buffer) => Promise<unknown>;
  log: Log;
  /** Prefix of the private consumer group. Default csv-graphql. */
  groupPrefix?: string;
  /** How often to look again for a topic that does not exist yet, in ms. Default 10000. */
  topicPollMs?: number;
}

export interface StatusFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True once the consumer joined its group and fetched: later events reach subscribers. */
  ready(): boolean;
  subscribe(args: { customerId?: string | null; status?: string[] | null }): AsyncIterable<StatusChange>;
  /** Hands a change to the subscribers as if it came from the topic (tests, other transports). */
  publish(change: StatusChange): void;
}

/** The newest version seen per customer is kept for at most this many customers. */
const MAX_TRACKED = 100_000;

export function createStatusFeed(opts: StatusFeedOptions): StatusFeed {
  const pubSub = createPubSub<{ change: [StatusChange] }>();
  const groupId = `${opts.groupPrefix ?? 'csv-graphql'}-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const lastVersion = new Map<string, number>();
  let consumer: Consumer | null = null;
  let admin: Admin | null = null;
  let joined = false;
  let sawJoin = false;
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;

  function publish(change: StatusChange): void {
    // At least once: a redelivered or older event is dropped, as the topic's contract asks.
    const last = lastVersion.get(change.customerId);
    if (last !== undefined && change.version <= last) return;
    if (lastVersion.size >= MAX_TRACKED) lastVersion.clear();
    lastVersion.set(change.customerId, change.version);
    pubSub.publish('change', change);
  }

  async function consume(): Promise<void> {
    const c = createConsumer({ brokers: opts.brokers, clientId: 'csv-graphql', groupId });
    consumer = c;
    // Ready only after a fetch that follows the join: by then the latest offsets are resolved, so
    // anything published afterwards reaches subscribers.
    c.on(c.events.GROUP_JOIN, () => {
      sawJoin = true;
    });
    c.on(c.events.FETCH, () => {
      if (sawJoin) joined = true;
    });
    await c.connect();
    await c.subscribe({ topic: opts.topic, fromBeginning: false });
    await c.run({
      eachMessage: async ({ message, partition, topic }) => {
        if (!message.value) return;
        try {
          const decoded = toStatusChange(await opts.decode(message.value));
          if (decoded.ok) publish(decoded.change);
          else
            opts.log('graphql-feed-reject', {
              topic,
              partition,
              offset: message.offset,
              reason: decoded.reason,
            });
        } catch (e) {
          // A record we cannot decode is skipped: subscribers get the next good one, never a stall.
          opts.log('graphql-feed-reject', {
            topic,
            partition,
            offset: message.offset,
            reason: (e as Error).message,
          });
        }
      },
    });
  }

  async function topicExists(): Promise<boolean> {
    admin ??= createAdmin({ brokers: opts.brokers, clientId: 'csv-graphql-feed' });
    await admin.connect();
    return (await admin.listTopics()).includes(opts.topic);
  }

  async function startWhenTopicExists(): Promise<void> {
    if (stopped) return;
    try {
      if (await topicExists()) {
        await consume();
        return;
      }
      opts.log('graphql-feed', { note: `topic ${opts.topic} does not exist yet; subscriptions wait for it` });
    } catch (e) {
      opts.log('graphql-feed-error', { error: (e as Error).message });
    }
    pollTimer = setTimeout(() => void startWhenTopicExists(), opts.topicPollMs ?? 10_000);
  }

  return {
    async start() {
      await startWhenTopicExists();
    },
    async stop() {
      stopped = true;
      if (pollTimer) clearTimeout(pollTimer);
      await consumer?.disconnect().catch(() => undefined);
      if (consumer && admin) await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
      joined = false;
      sawJoin = false;
    },
    ready: () => joined,
    subscribe(args) {
      return pipe(
        pubSub.subscribe('change'),
        filter((c: StatusChange) => matches(c, args)),
      );
    },
    publish,
  };
}
