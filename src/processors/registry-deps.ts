/**
 * The schema registry as the pipeline uses it: one client that decodes the Debezium Avro topics and
 * registers and encodes the status topic.
 */
import { createAvroDecoder, createRegistryClient } from '../schema-registry/registry-client';
import { createDecoder } from './decode/decode-message';

export function registryDeps(url: string) {
  const schemaRegistry = createRegistryClient({ url });
  const decoder = createDecoder({ decodeAvro: createAvroDecoder(schemaRegistry) });
  return { schemaRegistry, decoder };
}
