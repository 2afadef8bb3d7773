import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../../src/config/parse';
import { REPO_ROOT, parseStackConfig } from '../../../src/config/stack-config';

describe('parseStackConfig', () => {
  it('has the documented defaults', () => {
    const c = parseStackConfig({});
    expect(c).toMatchObject({
      STACK_DIR: path.join(REPO_ROOT, '.stack'),
      STACK_PG_PORT: 15432,
      STACK_MARIADB_PORT: 13306,
      STACK_KAFKA_PORT: 19092,
      STACK_KAFKA_CONTROLLER_PORT: 19093,
      STACK_CONNECT_PORT: 18083,
      STACK_REGISTRY_PORT: 18081,
      STACK_MONGO_PORT: 27117,
      STACK_PROBE_TIMEOUT_S: 180,
      STACK_AUTO_INSTALL: true,
      CONNECTOR_FORMAT: 'json',
      GRAPHQL_HOST: '127.0.0.1',
      GRAPHQL_PORT: 4000,
    });
    expect(c.STACK_JAVA_HOME).toBeUndefined();
    expect(c.STACK_REGISTRY_JAVA_HOME).toBeUndefined();
    expect(c.external.size).toBe(0);
  });

  it('REPO_ROOT is the repository root', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('customer-state-view');
    expect(fs.existsSync(path.join(REPO_ROOT, 'connectors'))).toBe(true);
  });

  it('applies overrides', () => {
    const c = parseStackConfig({
      STACK_DIR: '/tmp/elsewhere',
      STACK_PG_PORT: '25432',
      STACK_MARIADB_PORT: '23306',
      STACK_KAFKA_PORT: '29092',
      STACK_KAFKA_CONTROLLER_PORT: '29093',
      STACK_CONNECT_PORT: '28083',
      STACK_REGISTRY_PORT: '28081',
      STACK_MONGO_PORT: '37117',
      STACK_JAVA_HOME: '/opt/jdk17',
      STACK_PROBE_TIMEOUT_S: '30',
      STACK_AUTO_INSTALL: 'no',
      CONNECTOR_FORMAT: 'avro',
      GRAPHQL_HOST: '0.0.0.0',
      GRAPHQL_PORT: '4100',
    });
    expect(c).toMatchObject({
      STACK_DIR: '/tmp/elsewhere',
      STACK_PG_PORT: 25432,
      STACK_MARIADB_PORT: 23306,
      STACK_KAFKA_PORT: 29092,
      STACK_KAFKA_CONTROLLER_PORT: 29093,
      STACK_CONNECT_PORT: 28083,
      STACK_REGISTRY_PORT: 28081,
      STACK_MONGO_PORT: 37117,
      STACK_JAVA_HOME: '/opt/jdk17',
      STACK_PROBE_TIMEOUT_S: 30,
      STACK_AUTO_INSTALL: false,
      CONNECTOR_FORMAT: 'avro',
      GRAPHQL_HOST: '0.0.0.0',
      GRAPHQL_PORT: 4100,
    });
  });

  it('rejects CONNECTOR_FORMAT=xml, naming the variable and value', () => {
    expect(() => parseStackConfig({ CONNECTOR_FORMAT: 'xml' })).toThrow(ConfigError);
    try {
      parseStackConfig({ CONNECTOR_FORMAT: 'xml' });
    } catch (e) {
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^CONNECTOR_FORMAT: .*\(got "xml"\)$/);
    }
  });

  it('reports every bad setting together', () => {
    let problems: string[] = [];
    try {
      parseStackConfig({ STACK_PG_PORT: '0', STACK_KAFKA_PORT: 'x', STACK_PROBE_TIMEOUT_S: '-5' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'STACK_KAFKA_PORT',
      'STACK_PG_PORT',
      'STACK_PROBE_TIMEOUT_S',
    ]);
  });

  it('treats empty values as unset', () => {
    const c = parseStackConfig({ STACK_PG_PORT: '', CONNECTOR_FORMAT: '', STACK_AUTO_INSTALL: '' });
    expect(c.STACK_PG_PORT).toBe(15432);
    expect(c.CONNECTOR_FORMAT).toBe('json');
    expect(c.STACK_AUTO_INSTALL).toBe(true);
  });

  it('external holds exactly the endpoint variables that are set and non-empty', () => {
    const c = parseStackConfig({
      MONGO_URL: 'mongodb://db.example:27017/',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      CONNECT_URL: '',
      BILLING_PG_URL: undefined,
      STACK_PG_PORT: '25432',
      UNRELATED: 'x',
    });
    expect(c.external).toBeInstanceOf(Map);
    expect(Object.fromEntries(c.external)).toEqual({
      MONGO_URL: 'mongodb://db.example:27017/',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
    });
  });

  it('does not validate external endpoint values (they are passed through as given)', () => {
    const c = parseStackConfig({ OMS_PG_URL: 'postgres://u:p@h:5432/oms', GRAPHQL_URL: 'http://api:4000/' });
    expect(c.external.get('OMS_PG_URL')).toBe('postgres://u:p@h:5432/oms');
    expect(c.external.get('GRAPHQL_URL')).toBe('http://api:4000/');
    expect(c.external.size).toBe(2);
  });
});
