import fs from 'node:fs';
import { formatEnvFile, type EndpointKey } from '../../src/config/endpoints';
import type { StackContext } from './service';
import { connectUrl } from './services/connect';
import { mongoUrl } from './services/ferretdb';
import { brokers } from './services/kafka';
import { mariadbUrl } from './services/mariadb';
import { pgUrl } from './services/postgres';
import { registryBase } from './services/registry';

/** Every endpoint as the pipeline and tests should use it: the user's value if external, else the local one. */
export function stackEndpoints(ctx: StackContext): Record<string, string> {
  const local: Record<Exclude<EndpointKey, 'GRAPHQL_URL'>, string> = {
    KAFKA_BROKERS: brokers(ctx),
    CONNECT_URL: connectUrl(ctx),
    SCHEMA_REGISTRY_URL: `${registryBase(ctx)}/apis/ccompat/v7`,
    MONGO_URL: mongoUrl(ctx),
    CRM_MARIADB_URL: mariadbUrl(ctx, 'crm'),
    BILLING_PG_URL: pgUrl(ctx, 'billing'),
    OMS_PG_URL: pgUrl(ctx, 'oms'),
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(local))
    out[key] = ctx.config.external.get(key as EndpointKey) ?? value;
  return out;
}

/** Writes `.stack/endpoints.env`, keeping a GRAPHQL_URL line the API may have added. */
export function writeEndpointsFile(ctx: StackContext, values: Record<string, string>): void {
  const file = ctx.paths.endpointsFile;
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const graphql = /^GRAPHQL_URL=(.*)$/m.exec(previous)?.[1];
  const all = graphql ? { ...values, GRAPHQL_URL: graphql } : values;
  fs.writeFileSync(
    file,
    formatEnvFile(all, 'Written by `npm run stack:up`: the endpoints of the local stack.'),
  );
}
