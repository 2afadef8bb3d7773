/**
 * The operators' CLI: `npm run cli -- <command>`. Reads the same configuration as the processors.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEndpoints, loadProcessorConfig } from '../config';
import { createCodeMaps } from '../domain/code-maps';
import { createProducer } from '../kafka/kafka-client';
import { createStatePublisher } from '../processors/state-publisher';
import { createRegistryClient } from '../schema-registry/registry-client';
import { runMain } from '../shared/run-main';
import { createStore } from '../store/create-store';
import { resolveKeyReadShape } from '../store/key-reads';
import { createMongoClient } from '../store/mongo-client';
import { remapView } from './remap';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  remap [--customer ID]...   rebuild the view from the stored facts with the current code maps
                             (CODE_MAPS_FILE, default mappings/code-maps.json), without replaying
                             Kafka. Run it after editing the code maps (raise their "version").
                             Status changes it causes are published on STATE_TOPIC.
                             Safe while the processors run: rebuilds use the same revision checks.

Options:
  -h, --help                 this text

Configuration comes from the environment and .stack/endpoints.env, as for \`npm start\`
(MONGO_URL, MONGO_DB, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, STATE_TOPIC, CODE_MAPS_FILE).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      customer: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  if (command !== 'remap') {
    process.stderr.write(`unknown command: ${command}\n\n${HELP}\n`);
    return 2;
  }
  const config = loadProcessorConfig();
  const endpoints = loadEndpoints();
  const codeMaps = createCodeMaps(JSON.parse(fs.readFileSync(config.CODE_MAPS_FILE, 'utf8')));
  const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
  const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-cli' });
  try {
    await mongo.connect();
    const db = mongo.db(config.MONGO_DB);
    const keyReads = await resolveKeyReadShape(db, config.PROCESSOR_KEY_READS);
    const store = createStore({ db, codeMapsVersion: codeMaps.version, keyReads });
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
    process.stdout.write(
      `remap with code maps v${codeMaps.version} (${config.CODE_MAPS_FILE}) on ${config.MONGO_DB}: ` +
        `${result.customers} customers rebuilt, ${result.statusChanges} status changes ` +
        `(${published} published on ${config.STATE_TOPIC}), ${result.unlinkedOrders} unlinked orders remapped, ` +
        `${((Date.now() - started) / 1000).toFixed(1)}s\n`,
    );
    return 0;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await mongo.close();
  }
}

runMain(() => main(process.argv.slice(2)));
