/** `customer-view processors`: the stream processors, one instance of the consumer group. */
import { parseArgs } from 'node:util';
import { loadProcessorConfig, loadServiceEndpoints, loadShutdownConfig, loadTogether } from '../../config';
import { createProcessorService } from '../../processors/processor-service';
import { createLog } from '../../shared/logger';
import { nextSignal, stopWithin } from '../../shared/shutdown';
import { EXIT, type CliCommand } from '../command';

const HELP = `Usage: customer-view processors

Runs the stream processors until SIGTERM or SIGINT: Debezium topics in, the MongoDB view and the
status topic out. Start as many instances as you like with the same PROCESSOR_GROUP_ID: they form one
consumer group and share the partitions. Provisions nothing: Kafka, the registry and MongoDB must exist.

Required:
  KAFKA_BROKERS         Kafka bootstrap servers, host:port[,host:port]
  SCHEMA_REGISTRY_URL   Confluent-compatible registry (Avro change events, status events)
  MONGO_URL             MongoDB of the view
Every other variable has a default (README, "Environment variables"); among them PROCESSOR_GROUP_ID,
MONGO_DB, PROCESSOR_HTTP_HOST/PORT (/metrics, /healthz, /readyz on 127.0.0.1:9400) and
SHUTDOWN_TIMEOUT_MS (25000): on SIGTERM the batch in flight is finished and committed within it.

Exit codes: 0 stopped cleanly, 1 bad configuration, a taken port, a failed start or a stop past
SHUTDOWN_TIMEOUT_MS.

Examples:
  KAFKA_BROKERS=kafka:9092 SCHEMA_REGISTRY_URL=http://registry:8080/apis/ccompat/v7 \\
  MONGO_URL=mongodb://mongo:27017/ customer-view processors
  # a second instance on the same machine: its own HTTP port
  PROCESSOR_HTTP_PORT=9401 customer-view processors
  # beside the local stack (npm start): its endpoints, written by stack:up
  env $(grep -v '^#' .stack/endpoints.env) PROCESSOR_HTTP_PORT=9401 customer-view processors`;

/** The only endpoints the processors talk to (docker-compose.yml is checked against this list). */
export const PROCESSORS_ENDPOINTS = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGO_URL'] as const;

export const processorsCommand: CliCommand = {
  name: 'processors',
  summary: 'run the stream processors (N instances form one consumer group)',
  help: HELP,
  async run(argv, io) {
    parseArgs({ args: argv, options: {}, strict: true });
    const [config, endpoints, shutdown] = loadTogether(
      () => loadProcessorConfig(),
      () => loadServiceEndpoints(PROCESSORS_ENDPOINTS),
      () => loadShutdownConfig(),
    );
    const log = createLog(config.LOG_FORMAT, (line) => io.stdout(`${line}\n`));
    const service = createProcessorService({ config, endpoints, log });
    // Listening before the start: a SIGTERM while starting (an orchestrator that gave up waiting)
    // stops the service once started, instead of killing it half-way with Node's default action.
    const stopSignal = nextSignal();
    await service.start();
    const signal = await stopSignal;
    log('stopping', { signal, note: 'finishing the batch in flight, then committing' });
    const clean = await stopWithin(shutdown.SHUTDOWN_TIMEOUT_MS, () => service.stop(), log);
    return clean ? EXIT.ok : EXIT.error;
  },
};
