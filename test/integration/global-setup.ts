/**
 * Integration tests run against the real local stack. If it is not up yet this brings it up (the
 * same code as `npm run stack:up`, so a fresh checkout can run `npm test` alone); if every endpoint
 * is set in the environment, the tests use those services and start nothing.
 */
import { loadStackConfig } from '../../src/config';
import { ENDPOINT_KEYS } from '../../src/config/endpoints';
import { createStackContext } from '../../tools/stack/context';
import { stackUp } from '../../tools/stack/stack';

export default async function globalSetup(): Promise<void> {
  const config = loadStackConfig();
  const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
  if (required.every((k) => config.external.has(k))) return;
  process.stdout.write('\nintegration: making sure the local stack is up\n');
  await stackUp(createStackContext(config));
}
