/**
 * Environments as overlays: `connectors/env/<name>.json` changes the committed definitions for one
 * deployment (hosts, topic names, tuning) without copying them. Secrets stay out of overlays too:
 * they are config-provider placeholders (`${env:NAME}`, `${file:/path:key}`) the Connect worker
 * resolves, so they never pass through this CLI, the REST API or `_connect-configs` in clear text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import type { ConnectorConfig, ConnectorFormat } from './connector-configs';

const valuesSchema = z.record(z.string(), z.string().nullable());

export const overlaySchema = z
  .object({
    /** Free text for readers of the file. */
    $comment: z.string().optional(),
    /** Converter format for this environment (json or avro); the CLI's --format wins over it. */
    format: z.enum(['json', 'avro']).optional(),
    /** Keys set on every connector. `null` removes a key. */
    all: valuesSchema.optional(),
    /** Keys set on one connector, by its committed name. `null` removes a key. */
    connectors: z.record(z.string(), valuesSchema).optional(),
  })
  .strict();
export type EnvironmentOverlay = z.infer<typeof overlaySchema>;

const ENV_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Reads and validates `<dir>/env/<name>.json`; every problem is listed in one error. */
export function loadEnvironmentOverlay(dir: string, name: string): EnvironmentOverlay {
  if (!ENV_NAME.test(name))
    throw new AppError('connector-config-invalid', `environment name "${name}" must match ${ENV_NAME}`);
  const file = path.join(dir, 'env', `${name}.json`);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(path.join(dir, 'env'))
      ? fs
          .readdirSync(path.join(dir, 'env'))
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -5))
      : [];
    throw new AppError('connector-config-invalid', `no overlay ${file}`, {
      hint: known.length ? `known environments: ${known.join(', ')}` : 'create it (see connectors/README.md)',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('connector-config-invalid', `${file}: ${(e as Error).message}`);
  }
  const parsed = overlaySchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'connector-config-invalid',
      `${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}

/**
 * The config of connector `name` with the overlay laid over it: `all` first, then the connector's
 * own keys; a `null` value removes the key. The connector's `name` key is never changed here.
 */
export function applyOverlay(
  name: string,
  config: ConnectorConfig,
  overlay: EnvironmentOverlay | undefined,
): ConnectorConfig {
  if (!overlay) return config;
  const out: ConnectorConfig = { ...config };
  for (const layer of [overlay.all ?? {}, overlay.connectors?.[name] ?? {}]) {
    for (const [key, value] of Object.entries(layer)) {
      if (key === 'name') continue;
      if (value === null) delete out[key];
      else out[key] = value;
    }
  }
  return out;
}

/** Overlay entries for connectors that do not exist: almost always a typo that would apply nothing. */
export function unknownOverlayConnectors(overlay: EnvironmentOverlay, names: string[]): string[] {
  return Object.keys(overlay.connectors ?? {}).filter((n) => !names.includes(n));
}

export type { ConnectorFormat };
