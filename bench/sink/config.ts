/**
 * The MongoDB Kafka sink connector's configuration for these Debezium topics, and its worker's.
 * Pure, so the chosen configuration is unit-tested and printed in docs/benchmarks.md as it ran.
 */

export const SINK_ARTIFACT = 'org.mongodb.kafka:mongo-kafka-connect:2.0.1:jar:all';
export const SINK_VERSION = '2.0.1';

/** Configurations the sweep (\`--sink-sweep\`) compares; \`scalar-id\` is the one the figures use. */
export const SINK_VARIANTS = ['scalar-id', 'rdbms-handler', 'debezium-unwrap-partial-key'] as const;
export type SinkVariant = (typeof SINK_VARIANTS)[number];

export interface SinkTuning {
  /** Records per bulk write (`max.batch.size`). */
  batchSize: number;
  /** `bulk.write.ordered`. */
  ordered: boolean;
  /** Tasks per connector. */
  tasks: number;
  /** Default scalar-id. */
  variant?: SinkVariant;
}

/**
 * The best documented configuration for Debezium events with a one-column primary key on this
 * store (see docs/benchmarks.md): no CDC handler; Kafka's own SMTs take the row image out of the
 * envelope (`ExtractField$Value` on `after`, so a delete becomes a null value) and rename the key's
 * column to `_id`; `ProvidedInKeyStrategy` makes that scalar the document `_id`; the default
 * replace-one upsert writes it and `delete.on.null.values` turns deletes and tombstones into
 * deletes by `_id`. A scalar `_id` is what FerretDB pushes down; the RdbmsHandler's subdocument
 * `_id` is scanned.
 */
export function sinkConnectorConfig(o: {
  name: string;
  topic: string;
  keyField: string;
  mongoUrl: string;
  database: string;
  collection: string;
  tuning: SinkTuning;
}): Record<string, string> {
  const base = {
    name: o.name,
    'connector.class': 'com.mongodb.kafka.connect.MongoSinkConnector',
    'tasks.max': String(o.tuning.tasks),
    topics: o.topic,
    'connection.uri': o.mongoUrl,
    database: o.database,
    collection: o.collection,
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'true',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'true',
    transforms: 'row,key',
    'transforms.row.type': 'org.apache.kafka.connect.transforms.ExtractField$Value',
    'transforms.row.field': 'after',
    'transforms.key.type': 'org.apache.kafka.connect.transforms.ReplaceField$Key',
    'transforms.key.renames': `${o.keyField}:_id`,
    'document.id.strategy': 'com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy',
    'delete.on.null.values': 'true',
    'writemodel.strategy': 'com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy',
    'max.batch.size': String(o.tuning.batchSize),
    'bulk.write.ordered': String(o.tuning.ordered),
    // Fail loudly: a benchmark that skips records would measure nothing.
    'errors.tolerance': 'none',
  };
  const variant = o.tuning.variant ?? 'scalar-id';
  if (variant === 'scalar-id') return base;
  const rest: Record<string, string> = Object.fromEntries(
    Object.entries(base).filter(([k]) => !k.startsWith('transforms') && k !== 'document.id.strategy'),
  );
  if (variant === 'rdbms-handler') {
    // The connector's documented Debezium handler: c/u/d/r from the envelope, \`_id\` = the key document.
    // It deletes on 'd' itself; delete.on.null.values is refused without a key-based id strategy.
    const handler = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'delete.on.null.values'));
    return {
      ...handler,
      'change.data.capture.handler': 'com.mongodb.kafka.connect.sink.cdc.debezium.rdbms.RdbmsHandler',
    };
  }
  // Flattened by the same SMT, the id projected from the key as documented: \`_id\` = {<key column>: value}.
  return {
    ...rest,
    transforms: 'row',
    'transforms.row.type': 'org.apache.kafka.connect.transforms.ExtractField$Value',
    'transforms.row.field': 'after',
    'document.id.strategy': 'com.mongodb.kafka.connect.sink.processor.id.strategy.PartialKeyStrategy',
    'document.id.strategy.partial.key.projection.type': 'AllowList',
    'document.id.strategy.partial.key.projection.list': o.keyField,
  };
}

/** A standalone worker of its own: loopback REST port, own offsets file, quick sink offset commits. */
export function sinkWorkerProperties(o: {
  brokers: string;
  port: number;
  offsetsFile: string;
  pluginPath: string;
  /** Sink offsets are committed this often; the measured end is at most this late. */
  flushIntervalMs: number;
}): string {
  return `# Written by npm run bench: the MongoDB sink connector's own standalone worker.
bootstrap.servers=${o.brokers}
listeners=http://127.0.0.1:${o.port}
rest.advertised.host.name=127.0.0.1
rest.advertised.port=${o.port}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.file.filename=${o.offsetsFile}
offset.flush.interval.ms=${o.flushIntervalMs}
plugin.path=${o.pluginPath}
plugin.discovery=hybrid_warn
`;
}
