import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvFile } from '../../../src/config/endpoints';
import type { EnvSource } from '../../../src/config/parse';
import { parseStackConfig } from '../../../src/config/stack-config';
import { stackEndpoints, writeEndpointsFile } from '../../../tools/stack/endpoints';
import { stackPaths } from '../../../tools/stack/paths';
import type { StackContext } from '../../../tools/stack/service';

function ctxFor(env: EnvSource, root = '/nonexistent/stack'): StackContext {
  return { config: parseStackConfig(env), paths: stackPaths(root) } as unknown as StackContext;
}

describe('stackEndpoints', () => {
  it('gives the local URLs built from the default ports', () => {
    expect(stackEndpoints(ctxFor({}))).toEqual({
      KAFKA_BROKERS: '127.0.0.1:19092',
      CONNECT_URL: 'http://127.0.0.1:18083',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7',
      MONGO_URL: 'mongodb://127.0.0.1:27117/?maxPoolSize=20',
      CRM_MARIADB_URL: 'mysql://admin:admin@127.0.0.1:13306/crm',
      BILLING_PG_URL: 'postgres://admin:admin@127.0.0.1:15432/billing',
      OMS_PG_URL: 'postgres://admin:admin@127.0.0.1:15432/oms',
    });
  });

  it('follows moved ports', () => {
    const e = stackEndpoints(
      ctxFor({
        STACK_PG_PORT: '25432',
        STACK_MARIADB_PORT: '23306',
        STACK_KAFKA_PORT: '29092',
        STACK_CONNECT_PORT: '28083',
        STACK_REGISTRY_PORT: '28081',
        STACK_MONGO_PORT: '37117',
      }),
    );
    expect(e.BILLING_PG_URL).toBe('postgres://admin:admin@127.0.0.1:25432/billing');
    expect(e.OMS_PG_URL).toBe('postgres://admin:admin@127.0.0.1:25432/oms');
    expect(e.CRM_MARIADB_URL).toBe('mysql://admin:admin@127.0.0.1:23306/crm');
    expect(e.KAFKA_BROKERS).toBe('127.0.0.1:29092');
    expect(e.CONNECT_URL).toBe('http://127.0.0.1:28083');
    expect(e.SCHEMA_REGISTRY_URL).toBe('http://127.0.0.1:28081/apis/ccompat/v7');
    expect(e.MONGO_URL).toBe('mongodb://127.0.0.1:37117/?maxPoolSize=20');
  });

  it('passes external endpoints through unchanged and keeps the rest local', () => {
    const mongo = 'mongodb+srv://user:p%40ss@cluster0.example.net/app?retryWrites=true&w=majority';
    const e = stackEndpoints(ctxFor({ MONGO_URL: mongo, STACK_MONGO_PORT: '37117' }));
    expect(e.MONGO_URL).toBe(mongo);
    expect(e.CONNECT_URL).toBe('http://127.0.0.1:18083');
  });

  it('never emits GRAPHQL_URL, even when set externally', () => {
    expect(stackEndpoints(ctxFor({ GRAPHQL_URL: 'http://api:4000/' }))).not.toHaveProperty('GRAPHQL_URL');
  });
});

describe('writeEndpointsFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-stack-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes KEY=VALUE lines to paths.endpointsFile', () => {
    const ctx = ctxFor({}, dir);
    const values = stackEndpoints(ctx);
    writeEndpointsFile(ctx, values);
    const text = fs.readFileSync(path.join(dir, 'endpoints.env'), 'utf8');
    expect(text).toMatch(/^# /);
    expect(text).toContain('\nBILLING_PG_URL=postgres://admin:admin@127.0.0.1:15432/billing\n');
    expect(parseEnvFile(text)).toEqual(values);
  });

  it('replaces old values but keeps an existing GRAPHQL_URL line', () => {
    const ctx = ctxFor({}, dir);
    fs.writeFileSync(
      ctx.paths.endpointsFile,
      '# old\nMONGO_URL=mongodb://old:1/\nGRAPHQL_URL=http://127.0.0.1:4000/graphql\nSTALE=x\n',
    );
    writeEndpointsFile(ctx, { MONGO_URL: 'mongodb://new:2/', KAFKA_BROKERS: 'k:1' });
    expect(parseEnvFile(fs.readFileSync(ctx.paths.endpointsFile, 'utf8'))).toEqual({
      MONGO_URL: 'mongodb://new:2/',
      KAFKA_BROKERS: 'k:1',
      GRAPHQL_URL: 'http://127.0.0.1:4000/graphql',
    });
  });

  it('writes no GRAPHQL_URL when there was none', () => {
    const ctx = ctxFor({}, dir);
    fs.writeFileSync(ctx.paths.endpointsFile, '# old\nMONGO_URL=mongodb://old:1/\n');
    writeEndpointsFile(ctx, { MONGO_URL: 'mongodb://new:2/' });
    const text = fs.readFileSync(ctx.paths.endpointsFile, 'utf8');
    expect(text).not.toContain('GRAPHQL_URL');
    expect(parseEnvFile(text)).toEqual({ MONGO_URL: 'mongodb://new:2/' });
  });
});
