import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../src/config/stack-config';
import {
  composeConnector,
  envPlaceholders,
  loadConnectorDefinitions,
  type ConnectorDefinition,
} from '../../../src/connect/connector-configs';

const CONNECTORS_DIR = path.join(REPO_ROOT, 'connectors');
const ENV_REF = /^\$\{env:[A-Z][A-Z0-9_]*\}$/;

describe('loadConnectorDefinitions on connectors/', () => {
  const defs = loadConnectorDefinitions(CONNECTORS_DIR);
  const byName = (name: string) => {
    const def = defs.find((d) => d.name === name);
    if (!def) throw new Error(`no connector ${name}`);
    return def;
  };

  it('has exactly billing, crm and oms, in file order, each naming a connector.class', () => {
    expect(defs.map((d) => d.name)).toEqual(['billing', 'crm', 'oms']);
    for (const d of defs) expect(d.config['connector.class']).toMatch(/^io\.debezium\.connector\./);
  });

  it('crm uses the MariaDB connector', () => {
    expect(byName('crm').config['connector.class']).toBe('io.debezium.connector.mariadb.MariaDbConnector');
  });

  it.each(['billing', 'oms'])(
    '%s uses the PostgreSQL connector with pgoutput and no publication autocreate',
    (n) => {
      const c = byName(n).config;
      expect(c['connector.class']).toBe('io.debezium.connector.postgresql.PostgresConnector');
      expect(c['plugin.name']).toBe('pgoutput');
      expect(c['publication.autocreate.mode']).toBe('disabled');
    },
  );

  it.each(['crm', 'billing', 'oms'])('%s takes its database secrets from ${env:...} placeholders', (n) => {
    const c = byName(n).config;
    expect(c['database.user']).toMatch(ENV_REF);
    expect(c['database.password']).toMatch(ENV_REF);
    for (const [k, v] of Object.entries(c))
      if (/(password|secret|\.user)$/.test(k)) expect(v).toMatch(ENV_REF);
  });
});

describe('loadConnectorDefinitions on a temp dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-connectors-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, content: unknown) =>
    fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));

  it('loads valid files sorted by file name and ignores non-JSON files', () => {
    write('b.json', { name: 'beta', config: { 'connector.class': 'B' } });
    write('a.json', { name: 'alpha', config: { 'connector.class': 'A' } });
    write('README.md', 'not json');
    expect(loadConnectorDefinitions(dir)).toEqual([
      { name: 'alpha', config: { 'connector.class': 'A' } },
      { name: 'beta', config: { 'connector.class': 'B' } },
    ]);
  });

  it('rejects a bad name, naming the file', () => {
    write('ok.json', { name: 'ok', config: { 'connector.class': 'X' } });
    write('bad.json', { name: 'Bad_Name', config: { 'connector.class': 'X' } });
    const file = path.join(dir, 'bad.json');
    expect(() => loadConnectorDefinitions(dir)).toThrow(
      `${file}: name: connector names are lower-case kebab`,
    );
  });

  it('rejects a config without connector.class, naming the file', () => {
    write('nocls.json', { name: 'nocls', config: { 'tasks.max': '1' } });
    expect(() => loadConnectorDefinitions(dir)).toThrow(
      `${path.join(dir, 'nocls.json')}: config: config must name a connector.class`,
    );
  });

  it('rejects non-string config values, naming the file', () => {
    write('num.json', { name: 'num', config: { 'connector.class': 'X', 'tasks.max': 1 } });
    expect(() => loadConnectorDefinitions(dir)).toThrow(path.join(dir, 'num.json'));
  });

  it('rejects invalid JSON, naming the file', () => {
    write('broken.json', '{ "name": "broken", ');
    const file = path.join(dir, 'broken.json');
    let message = '';
    try {
      loadConnectorDefinitions(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message).toMatch(/JSON/);
  });
});

describe('composeConnector', () => {
  const def: ConnectorDefinition = {
    name: 'crm',
    config: { 'connector.class': 'X', 'key.converter': 'from-def', 'tasks.max': '1' },
  };

  it('puts the overlay over the definition and sets config.name', () => {
    const out = composeConnector(def, { 'key.converter': 'from-overlay', 'value.converter': 'V' });
    expect(out).toEqual({
      name: 'crm',
      config: {
        'connector.class': 'X',
        'key.converter': 'from-overlay',
        'value.converter': 'V',
        'tasks.max': '1',
        name: 'crm',
      },
    });
  });

  it('lets overrides win over overlay and definition', () => {
    const out = composeConnector(
      def,
      { 'key.converter': 'from-overlay' },
      { 'key.converter': 'o', 'tasks.max': '4' },
    );
    expect(out.config['key.converter']).toBe('o');
    expect(out.config['tasks.max']).toBe('4');
  });

  it('a name override renames the connector and its config.name', () => {
    const out = composeConnector(def, {}, { name: 'crm-test' });
    expect(out.name).toBe('crm-test');
    expect(out.config.name).toBe('crm-test');
  });

  it('does not mutate its inputs', () => {
    const overlay = { 'key.converter': 'from-overlay' };
    composeConnector(def, overlay, { name: 'other' });
    expect(def).toEqual({
      name: 'crm',
      config: { 'connector.class': 'X', 'key.converter': 'from-def', 'tasks.max': '1' },
    });
    expect(overlay).toEqual({ 'key.converter': 'from-overlay' });
  });
});

describe('envPlaceholders', () => {
  it('collects, dedupes and sorts ${env:...} names, ignoring ${file:...}', () => {
    const names = envPlaceholders([
      {
        a: '${env:ZED}',
        b: 'jdbc://${env:HOST}:${env:PORT}/x',
        c: '${file:/secrets/db.properties:password}',
      },
      { d: '${env:HOST}', e: 'literal', f: '${env:lower_case}' },
    ]);
    expect(names).toEqual(['HOST', 'PORT', 'ZED']);
  });

  it('is empty when there are no placeholders', () => {
    expect(envPlaceholders([])).toEqual([]);
    expect(envPlaceholders([{ a: 'plain', b: '${file:/x:y}' }])).toEqual([]);
  });

  it('finds the secrets of the repo connectors', () => {
    const names = envPlaceholders(loadConnectorDefinitions(CONNECTORS_DIR).map((d) => d.config));
    expect(names).toEqual(expect.arrayContaining(['CRM_CDC_USER', 'CRM_CDC_PASSWORD', 'OMS_CDC_PASSWORD']));
    expect(names).toEqual([...names].sort());
  });
});
