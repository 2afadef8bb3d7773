export const pipelineSdl = /* GraphQL */ `
  extend type Query {
    "How fresh the view is, per source system (support and service roles)."
    pipeline: PipelineStatus!
  }

  "The freshness report: each source system's lag, its connector, and the processors' consumer group."
  type PipelineStatus {
    "One entry per source system: CRM, BILLING, OMS."
    systems: [SystemFreshness!]!
    "The processors' consumer group over all their topics."
    consumerGroup: ConsumerGroupLag!
    "When this report was made."
    checkedAt: DateTime!
  }

  "How far behind its source the view is for one system."
  type SystemFreshness {
    "The source system."
    system: SourceSystem!
    "The Kafka topic its changes arrive on."
    topic: String!
    "Source commit time of the newest change the view applied."
    lastEventAt: DateTime
    "When the view applied it."
    lastAppliedAt: DateTime
    "checkedAt minus lastEventAt, in milliseconds; null before the first event."
    lagMs: Float
    "Messages of this system's topic the processors have not committed yet; null when Kafka did not answer."
    consumerLag: BigInt
    "The Debezium connector that captures this system."
    connector: ConnectorState!
  }

  "A Kafka Connect connector as Connect reports it."
  type ConnectorState {
    "The connector's name in Kafka Connect."
    name: String!
    "RUNNING, PAUSED, FAILED, UNASSIGNED, ... as Kafka Connect reports (an open set); MISSING or UNREACHABLE otherwise."
    state: String!
    "The connector's tasks."
    tasks: [ConnectorTask!]!
    "Why the state is MISSING, UNREACHABLE or FAILED."
    error: String
  }

  "One task of a connector."
  type ConnectorTask {
    "The task's number within its connector."
    id: Int!
    "RUNNING, PAUSED, FAILED, UNASSIGNED, ... as Kafka Connect reports (an open set)."
    state: String!
    "The Connect worker running it."
    workerId: String
    "The stack trace of a failed task."
    trace: String
  }

  "The processors' consumer group: how many messages it has yet to commit."
  type ConsumerGroupLag {
    "The group's id."
    groupId: String!
    "Sum of the partition lags; null when Kafka did not answer."
    totalLag: BigInt
    "Per partition of the group's topics."
    partitions: [PartitionLag!]!
    "Why Kafka could not be asked; null when it answered."
    error: String
  }

  "The group's progress on one partition."
  type PartitionLag {
    "The topic."
    topic: String!
    "The partition number."
    partition: Int!
    "Null when the group has committed nothing on the partition yet (it reads from the start)."
    committedOffset: BigInt
    "The offset the next message will get."
    endOffset: BigInt!
    "endOffset minus the committed offset (or the log start when none)."
    lag: BigInt!
  }
`;
