import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type ConnectorFormat = 'json' | 'avro';
export type ConnectorConfig = Record<string, string>;
export interface ConnectorDefinition {
  name: string;
  config: ConnectorConfig;
}

const definitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'connector names are lower-case kebab'),
  config: z.record(z.string(), z.string()).refine((c) => typeof c['connector.class'] === 'string', {
    message: 'config must name a connector.class',
  }),
});
const overlaySchema = z.record(z.string(), z.string());

/** `${env:NAME}` placeholders, resolved by the Connect worker's EnvVarConfigProvider at runtime. */
const ENV_PLACEHOLDER = /\$\{env:([A-Z][A-Z0-9_]*)\}/g;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** The connector definitions in `dir` (one JSON file per source database), validated. */
export function loadConnectorDefinitions(dir: string): ConnectorDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = definitionSchema.safeParse(readJson(path.join(dir, f)));
      if (!parsed.success) {
        throw new Error(
          `${path.join(dir, f)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      return parsed.data;
    });
}

export function loadFormatOverlay(dir: string, format: ConnectorFormat): ConnectorConfig {
  const parsed = overlaySchema.safeParse(readJson(path.join(dir, 'formats', `${format}.json`)));
  if (!parsed.success) throw new Error(`${dir}/formats/${format}.json: must map strings to strings`);
  return parsed.data;
}

/** The config as deployed: the definition with the converter overlay of `format` and any overrides on top. */
export function composeConnector(
  def: ConnectorDefinition,
  overlay: ConnectorConfig,
  overrides: ConnectorConfig = {},
): ConnectorDefinition {
  return {
    name: overrides.name ?? def.name,
    config: { ...def.config, ...overlay, ...overrides, name: overrides.name ?? def.name },
  };
}

/** Every environment variable the Connect worker must define for these configs. */
export function envPlaceholders(configs: ConnectorConfig[]): string[] {
  const names = new Set<string>();
  for (const config of configs) {
    for (const value of Object.values(config))
      for (const m of value.matchAll(ENV_PLACEHOLDER)) names.add(m[1] as string);
  }
  return [...names].sort();
}
