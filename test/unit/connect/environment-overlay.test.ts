import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyOverlay,
  loadEnvironmentOverlay,
  unknownOverlayConnectors,
} from '../../../src/connect/environment-overlay';
import { loadDesiredConnectors } from '../../../src/connect/desired-connectors';
import { AppError } from '../../../src/shared/errors';

const REPO_CONNECTORS = path.resolve(__dirname, '..', '..', '..', 'connectors');

describe('applyOverlay', () => {
  const base = { name: 'crm', 'connector.class': 'X', 'tasks.max': '1', 'snapshot.mode': 'initial' };

  it('lays `all` then the connector own keys over the config; null removes a key', () => {
    const out = applyOverlay('crm', base, {
      all: { 'tasks.max': '2', 'heartbeat.interval.ms': '10000' },
      connectors: { crm: { 'tasks.max': '3', 'snapshot.mode': null }, oms: { 'tasks.max': '9' } },
    });
    expect(out).toEqual({
      name: 'crm',
      'connector.class': 'X',
      'tasks.max': '3',
      'heartbeat.interval.ms': '10000',
    });
    expect(base['snapshot.mode']).toBe('initial'); // not mutated
  });

  it('never renames a connector', () => {
    expect(applyOverlay('crm', base, { all: { name: 'other' } }).name).toBe('crm');
  });

  it('leaves the config alone without an overlay', () => {
    expect(applyOverlay('crm', base, undefined)).toBe(base);
  });

  it('names overlay entries of connectors that do not exist', () => {
    expect(unknownOverlayConnectors({ connectors: { crm: {}, cmr: {} } }, ['crm', 'oms'])).toEqual(['cmr']);
  });
});

describe('loadEnvironmentOverlay', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-overlay-'));
    fs.mkdirSync(path.join(dir, 'env'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the known environments when the one asked for is missing', () => {
    fs.writeFileSync(path.join(dir, 'env', 'prod.json'), '{}');
    const e = (() => {
      try {
        loadEnvironmentOverlay(dir, 'staging');
      } catch (err) {
        return err as AppError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('connector-config-invalid');
    expect(e.hint).toBe('known environments: prod');
  });

  it('lists every invalid entry, and refuses unknown top-level keys', () => {
    fs.writeFileSync(
      path.join(dir, 'env', 'bad.json'),
      JSON.stringify({ format: 'xml', connectors: { crm: { 'tasks.max': 2 } }, extra: 1 }),
    );
    expect(() => loadEnvironmentOverlay(dir, 'bad')).toThrow(/format[\s\S]*connectors\.crm\.tasks\.max/);
    expect(() => loadEnvironmentOverlay(dir, 'bad')).toThrow(/extra/);
  });

  it('refuses names that could escape the folder', () => {
    expect(() => loadEnvironmentOverlay(dir, '../secrets')).toThrow(/must match/);
  });
});

describe('the committed overlays', () => {
  it('local.json composes to exactly what stack:up deploys', () => {
    const plain = loadDesiredConnectors({ dir: REPO_CONNECTORS, defaultFormat: 'json' });
    const local = loadDesiredConnectors({ dir: REPO_CONNECTORS, env: 'local', defaultFormat: 'avro' });
    expect(local.format).toBe('json');
    expect(local.connectors).toEqual(plain.connectors);
  });

  it('every overlay in connectors/env parses and names only committed connectors', () => {
    for (const file of fs.readdirSync(path.join(REPO_CONNECTORS, 'env'))) {
      const env = file.replace(/\.json$/, '');
      const desired = loadDesiredConnectors({ dir: REPO_CONNECTORS, env, defaultFormat: 'json' });
      expect(unknownOverlayConnectors(desired.overlay!, desired.allNames)).toEqual([]);
    }
  });

  it('--format wins over the overlay, which wins over the default', () => {
    expect(
      loadDesiredConnectors({ dir: REPO_CONNECTORS, env: 'prod-example', defaultFormat: 'json' }).format,
    ).toBe('avro');
    expect(
      loadDesiredConnectors({
        dir: REPO_CONNECTORS,
        env: 'prod-example',
        format: 'json',
        defaultFormat: 'avro',
      }).format,
    ).toBe('json');
  });

  it('filters by name and refuses names that are not committed', () => {
    const only = loadDesiredConnectors({ dir: REPO_CONNECTORS, defaultFormat: 'json', names: ['oms'] });
    expect(only.connectors.map((c) => c.name)).toEqual(['oms']);
    expect(() =>
      loadDesiredConnectors({ dir: REPO_CONNECTORS, defaultFormat: 'json', names: ['nope'] }),
    ).toThrow('not a committed connector: nope');
  });
});
