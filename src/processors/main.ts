/**
 * `npm run processors`: the stream processors alone, against the endpoints in the environment (or
 * those the local stack wrote to .stack/endpoints.env). Starts no service of its own; runs until
 * SIGINT or SIGTERM, then finishes the batch in flight and commits.
 */
import { loadEndpoints, loadProcessorConfig } from '../config';
import { createLog } from '../shared/logger';
import { runMain } from '../shared/run-main';
import { createProcessorService } from './processor-service';

async function main(): Promise<number> {
  const config = loadProcessorConfig();
  const endpoints = loadEndpoints();
  const log = createLog(config.LOG_FORMAT);
  const service = createProcessorService({ config, endpoints, log });
  await service.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping', { note: 'finishing the batch in flight, then committing' });
  await service.stop();
  return 0;
}

runMain(main);
