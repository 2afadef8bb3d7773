/** Loads the captured Debezium messages of test/fixtures/debezium (see its README). */
import fs from 'node:fs';
import path from 'node:path';
import { avroType } from '../../src/schema-registry/registry-client';
import type { RawMessage } from '../../src/processors/decode/change-event';
import { AppError } from '../../src/shared/errors';

export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'debezium');

export interface Fixture {
  file: string;
  system: string;
  table: string;
  format: 'json' | 'avro';
  name: string;
  message: RawMessage;
  schemas: Map<number, string>;
}

interface FixtureFile {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  keySchemaId?: number;
  keySchema?: string;
  valueSchemaId?: number;
  valueSchema?: string;
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const system of fs.readdirSync(FIXTURES_DIR).sort()) {
    for (const table of fs.readdirSync(path.join(FIXTURES_DIR, system)).sort()) {
      for (const format of ['json', 'avro'] as const) {
        const dir = path.join(FIXTURES_DIR, system, table, format);
        for (const name of fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()) {
          const f = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as FixtureFile;
          const schemas = new Map<number, string>();
          if (f.keySchemaId !== undefined && f.keySchema) schemas.set(f.keySchemaId, f.keySchema);
          if (f.valueSchemaId !== undefined && f.valueSchema) schemas.set(f.valueSchemaId, f.valueSchema);
          out.push({
            file: path.join(system, table, format, name),
            system,
            table,
            format,
            name: name.replace(/^\d+-|\.json$/g, ''),
            message: {
              topic: f.topic,
              partition: f.partition,
              offset: String(f.offset),
              key: f.key === null ? null : Buffer.from(f.key, 'base64'),
              value: f.value === null ? null : Buffer.from(f.value, 'base64'),
            },
            schemas,
          });
        }
      }
    }
  }
  return out;
}

/** Decodes Confluent-framed Avro with the writer schemas captured beside the fixtures: no registry. */
export function fixtureAvroDecoder(fixtures: Fixture[]): (buffer: Buffer) => Promise<unknown> {
  const schemas = new Map<number, string>();
  for (const f of fixtures) for (const [id, s] of f.schemas) schemas.set(id, s);
  return async (buffer) => {
    const id = buffer.readInt32BE(1);
    const schema = schemas.get(id);
    // The registry decoder's contract: a message's own faults are non-retriable AppErrors.
    if (!schema) throw new AppError('unknown-schema', `no captured schema with id ${id}`);
    try {
      return avroType(schema).fromBuffer(buffer.subarray(5));
    } catch (e) {
      throw new AppError('malformed', (e as Error).message);
    }
  };
}
