/**
 * The processors as a service: one MongoDB client, the registry, the pipeline and its HTTP endpoints,
 * wired once for `npm start`, `customer-view processors`, the benchmark and the tests. Knows nothing of the local
 * stack: endpoints come in parsed.
 */
import fs from 'node:fs';
import type { Endpoints, ProcessorConfig } from '../config';
import { createCodeMaps, type CodeMaps } from '../domain/code-maps';
import type { Log } from '../shared/logger';
import { createMongoClient } from '../store/mongo-client';
import { createHttpServer } from './http-server';
import { createConfiguredPipeline } from './configured-pipeline';
import { assertTimeZone } from './tables/time';

export interface ProcessorServiceDeps {
  config: ProcessorConfig;
  endpoints: Pick<Endpoints, 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL' | 'MONGO_URL'>;
  log: Log;
  /** Default: read from config.CODE_MAPS_FILE. */
  codeMaps?: CodeMaps;
}

export function loadCodeMaps(file: string): CodeMaps {
  return createCodeMaps(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function createProcessorService({ config, endpoints, log, codeMaps }: ProcessorServiceDeps) {
  assertTimeZone(config.CRM_TIMEZONE);
  assertTimeZone(config.OMS_TIMEZONE);
  const maps = codeMaps ?? loadCodeMaps(config.CODE_MAPS_FILE);
  const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
  const db = mongo.db(config.MONGO_DB);
  const { pipeline, schemaRegistry } = createConfiguredPipeline({
    config,
    endpoints,
    db,
    codeMaps: maps,
    log,
  });
  const http = createHttpServer({
    host: config.PROCESSOR_HTTP_HOST,
    port: config.PROCESSOR_HTTP_PORT,
    registry: pipeline.registry,
    ready: () => pipeline.ready(),
  });

  return {
    pipeline,
    mongo,
    db,
    schemaRegistry,
    async start(): Promise<void> {
      // Bound before anything connects: a taken port fails the start at once, having started
      // nothing; /readyz answers 503 until the pipeline has joined its group.
      const { port } = await http.start();
      try {
        await mongo.connect();
        await pipeline.start();
      } catch (e) {
        await http.stop();
        await mongo.close().catch(() => undefined);
        throw e;
      }
      log('http', {
        metrics: `http://${config.PROCESSOR_HTTP_HOST}:${port}/metrics`,
        health: '/healthz',
        ready: '/readyz',
      });
    },
    async stop(): Promise<void> {
      await pipeline.stop();
      await http.stop();
      await mongo.close();
    },
  };
}
export type ProcessorService = ReturnType<typeof createProcessorService>;
