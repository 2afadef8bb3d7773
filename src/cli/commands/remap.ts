/** `customer-view remap`: rebuild the view from the stored facts after a change of the code maps. */
import { liveViewDb, revFloor } from '../../store/view-generations';
import { parseArgs } from 'node:util';
import { loadEndpointsOrLocalStack, loadProcessorConfig, loadTogether } from '../../config';
import { createProducer } from '../../kafka/kafka-client';
import { loadCodeMaps } from '../../processors/processor-service';
import { createStatePublisher } from '../../processors/state-publisher';
import { createRegistryClient } from '../../schema-registry/registry-client';
import { createStore } from '../../store/create-store';
import { resolveKeyReadShape } from '../../store/key-reads';
import { createMongoClient } from '../../store/mongo-client';
import { EXIT, type CliCommand } from '../command';
import { remapView } from '../remap';

const HELP = `Usage: customer-view remap [--customer ID]...

Rebuilds the view from the stored facts with the current code maps (CODE_MAPS_FILE, default
mappings/code-maps.json), without replaying Kafka. Run it after editing the code maps (raise their
"version"). The status changes it causes are published on STATE_TOPIC. Safe while the processors run:
rebuilds use the same revision checks.

Options:
  --customer ID   only this customer (repeatable); default every customer and the unlinked orders
  -h, --help      this text

Needs MONGO_URL, KAFKA_BROKERS and SCHEMA_REGISTRY_URL (an unset one is taken from the local stack's
.stack/endpoints.env when that exists), and reads MONGO_DB, STATE_TOPIC, CODE_MAPS_FILE.

Examples:
  customer-view remap                                   # beside npm start: the local stack's endpoints
  customer-view remap --customer 1001 --customer 1002
  CODE_MAPS_FILE=/etc/csv/code-maps.json MONGO_URL=mongodb://mongo:27017/ KAFKA_BROKERS=kafka:9092 \\
  SCHEMA_REGISTRY_URL=http://registry:8080/apis/ccompat/v7 customer-view remap`;

export const remapCommand: CliCommand = {
  name: 'remap',
  summary: 'rebuild the view from the stored facts with the current code maps',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { customer: { type: 'string', multiple: true } },
    });
    const [config, endpoints] = loadTogether(
      () => loadProcessorConfig(),
      () => loadEndpointsOrLocalStack(['MONGO_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL']),
    );
    const codeMaps = loadCodeMaps(config.CODE_MAPS_FILE);
    const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
    const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-cli' });
    try {
      await mongo.connect();
      // The live generation (a rebuild may have switched the view to another database).
      const { db, generation } = await liveViewDb(mongo.db(config.MONGO_DB));
      const keyReads = await resolveKeyReadShape(db, config.PROCESSOR_KEY_READS);
      const store = createStore({
        db,
        codeMapsVersion: codeMaps.version,
        keyReads,
        historyLimit: config.STATUS_HISTORY_LIMIT,
        revFloor: revFloor(generation.seq),
      });
      const started = Date.now();
      const result = await remapView(store, codeMaps, { customers: values.customer });
      await producer.connect();
      const publisher = createStatePublisher({
        producer,
        registry: createRegistryClient({ url: endpoints.SCHEMA_REGISTRY_URL }),
        topic: config.STATE_TOPIC,
        ack: (entries) => store.acknowledge(entries),
      });
      await publisher.start();
      const published = await publisher.publish(result.events);
      io.stdout(
        `remap with code maps v${codeMaps.version} (${config.CODE_MAPS_FILE}) on ${db.databaseName}: ` +
          `${result.customers} customers rebuilt, ${result.statusChanges} status changes ` +
          `(${published} published on ${config.STATE_TOPIC}), ${result.unlinkedOrders} unlinked orders remapped, ` +
          `${((Date.now() - started) / 1000).toFixed(1)}s\n`,
      );
      return EXIT.ok;
    } finally {
      await producer.disconnect().catch(() => undefined);
      await mongo.close();
    }
  },
};
