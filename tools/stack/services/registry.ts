import path from 'node:path';
import { httpOk } from '../probes';
import type { ServiceDef, StackContext } from '../service';
import { DEMO } from './demo-credentials';
import { REGISTRY_DB } from './postgres';

export function registryBase(ctx: StackContext): string {
  return `http://127.0.0.1:${ctx.config.STACK_REGISTRY_PORT}`;
}

export const registry: ServiceDef = {
  name: 'registry',
  provides: ['SCHEMA_REGISTRY_URL'],
  ports: (ctx) => [
    { port: ctx.config.STACK_REGISTRY_PORT, variable: 'STACK_REGISTRY_PORT' },
    { port: ctx.config.STACK_REGISTRY_MANAGEMENT_PORT, variable: 'STACK_REGISTRY_MANAGEMENT_PORT' },
  ],
  prepare: async () => undefined,

  daemon(ctx) {
    const localPg = !ctx.config.external.has('BILLING_PG_URL');
    const props: Record<string, string> = {
      'quarkus.http.host': '127.0.0.1',
      'quarkus.http.port': String(ctx.config.STACK_REGISTRY_PORT),
      // The management interface is built in and would listen on 0.0.0.0:9000: keep it on loopback.
      'quarkus.management.host': '127.0.0.1',
      'quarkus.management.port': String(ctx.config.STACK_REGISTRY_MANAGEMENT_PORT),
      // Schemas in the stack's PostgreSQL, so schema ids in stored Avro messages survive restarts.
      ...(localPg && {
        'apicurio.storage.kind': 'sql',
        'apicurio.storage.sql.kind': 'postgresql',
        'apicurio.datasource.url': `jdbc:postgresql://127.0.0.1:${ctx.config.STACK_PG_PORT}/${REGISTRY_DB}`,
        'apicurio.datasource.username': DEMO.admin,
        'apicurio.datasource.password': DEMO.adminPassword,
      }),
    };
    return {
      command: ctx.tools().registryJava,
      args: [
        '-Xmx384m',
        '-Xms64m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`),
        '-jar',
        path.join(ctx.paths.apps, 'apicurio-registry', 'quarkus-run.jar'),
      ],
      cwd: path.join(ctx.paths.apps, 'apicurio-registry'),
    };
  },

  ready: (ctx) => httpOk(`${registryBase(ctx)}/apis/ccompat/v7/subjects`),
};
