import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse';

/** How long the processors and the API may take to stop on SIGTERM before they give up. */
export const shutdownConfigSchema = z.object({
  /**
   * Deadline of a graceful stop, in ms: finish the batch in flight and commit it, close the consumers,
   * drain HTTP. Past it the process exits anyway (the unfinished batch is read again by whoever owns
   * its partitions next; every write is idempotent). Keep it under Kubernetes'
   * terminationGracePeriodSeconds (30 s by default). Default 25000.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
});
export type ShutdownConfig = z.infer<typeof shutdownConfigSchema>;

export function parseShutdownConfig(env: EnvSource): ShutdownConfig {
  return parseEnv(shutdownConfigSchema, env);
}
