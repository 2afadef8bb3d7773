/**
 * The freshness report: the view's own progress (MongoDB `progress`), the connectors (Connect REST)
 * and the processors' consumer lag (Kafka admin). A source that does not answer is reported as such
 * instead of failing the whole query: this is what people look at when something is wrong.
 */
import type { Db } from 'mongodb';
import type { ConnectClient } from '../../connect/connect-client';
import type { Admin } from '../../kafka/kafka-client';
import { PROGRESS, type ProgressDoc } from '../../store/progress-docs';

export type SystemName = 'CRM' | 'BILLING' | 'OMS';
export const SYSTEMS: readonly SystemName[] = ['CRM', 'BILLING', 'OMS'];

export interface PipelineSources {
  /** Consumer group of the processors. */
  groupId: string;
  /** Per system: its Debezium topic and connector name. */
  systems: Record<SystemName, { topic: string; connector: string }>;
}

/** The processors' group, topics and connectors (named as in connectors/*.json), from their config. */
export function pipelineSources(config: {
  PROCESSOR_GROUP_ID: string;
  CRM_TOPIC: string;
  BILLING_TOPIC: string;
  OMS_TOPIC: string;
}): PipelineSources {
  return {
    groupId: config.PROCESSOR_GROUP_ID,
    systems: {
      CRM: { topic: config.CRM_TOPIC, connector: 'crm' },
      BILLING: { topic: config.BILLING_TOPIC, connector: 'billing' },
      OMS: { topic: config.OMS_TOPIC, connector: 'oms' },
    },
  };
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committedOffset: bigint | null;
  endOffset: bigint;
  lag: bigint;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Lag per partition from the group's committed offsets and the topics' end offsets. */
export function partitionLags(
  committed: { topic: string; partitions: { partition: number; offset: string }[] }[],
  ends: Map<string, { partition: number; high: string }[]>,
): PartitionLag[] {
  const out: PartitionLag[] = [];
  for (const t of committed) {
    for (const p of t.partitions) {
      const high = ends.get(t.topic)?.find((e) => e.partition === p.partition)?.high;
      if (high === undefined) continue;
      const endOffset = BigInt(high);
      // -1: nothing committed yet; the group starts from the earliest offset, so all of it is lag.
      const committedOffset = BigInt(p.offset) < 0n ? null : BigInt(p.offset);
      const lag = endOffset - (committedOffset ?? 0n);
      out.push({
        topic: t.topic,
        partition: p.partition,
        committedOffset,
        endOffset,
        lag: lag < 0n ? 0n : lag,
      });
    }
  }
  return out.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}

export function createPipelineStatus({
  db,
  admin,
  connect,
  sources,
  now = () => new Date(),
}: {
  /** The live view's database (it follows generation switches, so asked on every read). */
  db: () => Db;
  /** A connected admin client, or a function giving one (connected lazily). */
  admin: () => Promise<Admin>;
  /** Null when the API runs without CONNECT_URL: connectors are then reported as UNREACHABLE. */
  connect: Pick<ConnectClient, 'status'> | null;
  sources: PipelineSources;
  now?: () => Date;
}) {
  async function consumerGroup() {
    const topics = SYSTEMS.map((s) => sources.systems[s].topic);
    try {
      const a = await admin();
      const committed = await a.fetchOffsets({ groupId: sources.groupId, topics });
      const ends = new Map(
        await Promise.all(topics.map(async (t) => [t, await a.fetchTopicOffsets(t)] as const)),
      );
      const partitions = partitionLags(committed, ends);
      return {
        groupId: sources.groupId,
        totalLag: partitions.reduce((s, p) => s + p.lag, 0n),
        partitions,
        error: null,
      };
    } catch (e) {
      return {
        groupId: sources.groupId,
        totalLag: null,
        partitions: [] as PartitionLag[],
        error: message(e),
      };
    }
  }

  async function connector(name: string) {
    if (!connect)
      return { name, state: 'UNREACHABLE', tasks: [], error: 'CONNECT_URL is not set for this API' };
    try {
      const s = await connect.status(name);
      if (!s)
        return { name, state: 'MISSING', tasks: [], error: 'Kafka Connect has no connector of this name' };
      const tasks = s.tasks.map((t) => ({
        id: t.id,
        state: t.state,
        workerId: t.worker_id,
        trace: t.trace ?? null,
      }));
      const failed = [s.connector.trace, ...s.tasks.map((t) => t.trace)].find(Boolean);
      return { name, state: s.connector.state, tasks, error: failed ? String(failed).split('\n')[0] : null };
    } catch (e) {
      return { name, state: 'UNREACHABLE', tasks: [], error: message(e) };
    }
  }

  return async function read() {
    const checkedAt = now();
    const [progress, group, connectors] = await Promise.all([
      db().collection<ProgressDoc>(PROGRESS).find({}).toArray(),
      consumerGroup(),
      Promise.all(SYSTEMS.map((s) => connector(sources.systems[s].connector))),
    ]);
    const systems = SYSTEMS.map((system, i) => {
      const p = progress.find((d) => d._id === system);
      const topic = sources.systems[system].topic;
      return {
        system,
        topic,
        lastEventAt: p?.lastEventAt ?? null,
        lastAppliedAt: p?.lastAppliedAt ?? null,
        lagMs: p ? Math.max(0, checkedAt.getTime() - p.lastEventAt.getTime()) : null,
        consumerLag:
          group.totalLag === null
            ? null
            : group.partitions.filter((x) => x.topic === topic).reduce((s, x) => s + x.lag, 0n),
        connector: connectors[i],
      };
    });
    return { systems, consumerGroup: group, checkedAt };
  };
}
export type PipelineStatusReader = ReturnType<typeof createPipelineStatus>;
