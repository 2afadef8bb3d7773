export const pipelineSdl = /* GraphQL */ `
  extend type Query {
    "How fresh the view is, per source system (support and service roles)."
    pipeline: PipelineStatus!
  }

  type PipelineStatus {
    systems: [SystemFreshness!]!
    "The processors' consumer group over all their topics."
    consumerGroup: ConsumerGroupLag!
    checkedAt: DateTime!
  }

  type SystemFreshness {
    system: SourceSystem!
    topic: String!
    "Source commit time of the newest change the view applied."
    lastEventAt: DateTime
    "When the view applied it."
    lastAppliedAt: DateTime
    "checkedAt minus lastEventAt, in milliseconds; null before the first event."
    lagMs: Float
    "Messages of this system's topic the processors have not committed yet; null when Kafka did not answer."
    consumerLag: BigInt
    connector: ConnectorState!
  }

  type ConnectorState {
    name: String!
    "RUNNING, PAUSED, FAILED, UNASSIGNED, ... as Kafka Connect reports; MISSING or UNREACHABLE otherwise."
    state: String!
    tasks: [ConnectorTask!]!
    "Why the state is MISSING, UNREACHABLE or FAILED."
    error: String
  }

  type ConnectorTask {
    id: Int!
    state: String!
    workerId: String
    trace: String
  }

  type ConsumerGroupLag {
    groupId: String!
    "Sum of the partition lags; null when Kafka did not answer."
    totalLag: BigInt
    partitions: [PartitionLag!]!
    error: String
  }

  type PartitionLag {
    topic: String!
    partition: Int!
    "Null when the group has committed nothing on the partition yet (it reads from the start)."
    committedOffset: BigInt
    endOffset: BigInt!
    lag: BigInt!
  }
`;
