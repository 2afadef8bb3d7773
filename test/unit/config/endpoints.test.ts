import {
  ENDPOINT_KEYS,
  externalEndpoints,
  formatEnvFile,
  parseEnvFile,
  resolveEndpoints,
} from '../../../src/config/endpoints';
import { problemsOf } from '../../support/config-problems';

const LOCAL = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  CONNECT_URL: 'http://127.0.0.1:18083',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7',
  MONGO_URL: 'mongodb://127.0.0.1:27117/',
  CRM_MARIADB_URL: 'mysql://admin:admin@127.0.0.1:13306/crm',
  BILLING_PG_URL: 'postgres://admin:admin@127.0.0.1:15432/billing',
  OMS_PG_URL: 'postgres://admin:admin@127.0.0.1:15432/oms',
};

describe('parseEnvFile', () => {
  it('skips comments, blank lines and lines without a key', () => {
    const text = [
      '# header',
      '',
      '   ',
      'A=1',
      '  # indented comment',
      'no equals sign',
      '=orphan',
      'B = two ',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({ A: '1', B: 'two' });
  });

  it('keeps everything after the first "=" in the value', () => {
    const text = 'MONGO_URL=mongodb://h:27017/db?replicaSet=rs0&w=majority\nEMPTY=\n';
    expect(parseEnvFile(text)).toEqual({
      MONGO_URL: 'mongodb://h:27017/db?replicaSet=rs0&w=majority',
      EMPTY: '',
    });
  });

  it('accepts CRLF line endings', () => {
    expect(parseEnvFile('A=1\r\nB=http://x/?a=b\r\n')).toEqual({ A: '1', B: 'http://x/?a=b' });
  });

  it('lets a later line win', () => {
    expect(parseEnvFile('A=1\nA=2')).toEqual({ A: '2' });
  });
});

describe('formatEnvFile', () => {
  it('writes a comment header and KEY=VALUE lines', () => {
    expect(formatEnvFile({ A: '1', B: 'x=y' }, 'hello')).toBe('# hello\nA=1\nB=x=y\n');
  });

  it('round-trips through parseEnvFile', () => {
    const values = { ...LOCAL, GRAPHQL_URL: 'http://127.0.0.1:4000/graphql?x=1&y=2' };
    expect(parseEnvFile(formatEnvFile(values, 'Written by a test'))).toEqual(values);
  });
});

describe('externalEndpoints', () => {
  it('returns only the endpoint keys that are set and non-empty', () => {
    const ext = externalEndpoints({ MONGO_URL: 'mongodb://m/', CONNECT_URL: '', OTHER: 'x' });
    expect([...ext.entries()]).toEqual([['MONGO_URL', 'mongodb://m/']]);
  });
});

describe('resolveEndpoints', () => {
  it('reads everything from the stack file when the environment sets nothing', () => {
    const e = resolveEndpoints({}, LOCAL);
    expect(e.KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
    expect(e.CONNECT_URL).toBe(LOCAL.CONNECT_URL);
    expect(e.MONGO_URL).toBe(LOCAL.MONGO_URL);
    expect(e.OMS_PG_URL).toBe(LOCAL.OMS_PG_URL);
    expect(e.GRAPHQL_URL).toBeUndefined();
  });

  it('lets the environment win per variable and falls back to the file for the rest', () => {
    const e = resolveEndpoints(
      { MONGO_URL: 'mongodb://atlas.example:27017/', BILLING_PG_URL: '', UNRELATED: 'x' },
      LOCAL,
    );
    expect(e.MONGO_URL).toBe('mongodb://atlas.example:27017/');
    expect(e.BILLING_PG_URL).toBe(LOCAL.BILLING_PG_URL);
    expect(e.CONNECT_URL).toBe(LOCAL.CONNECT_URL);
    expect(Object.keys(e)).not.toContain('UNRELATED');
  });

  it('splits KAFKA_BROKERS into an array', () => {
    const e = resolveEndpoints({ KAFKA_BROKERS: 'k1:9092,k2.example:9093,10.0.0.3:9094' }, LOCAL);
    expect(e.KAFKA_BROKERS).toEqual(['k1:9092', 'k2.example:9093', '10.0.0.3:9094']);
  });

  it('accepts an optional GRAPHQL_URL', () => {
    expect(resolveEndpoints({}, { ...LOCAL, GRAPHQL_URL: 'http://127.0.0.1:4000/' }).GRAPHQL_URL).toBe(
      'http://127.0.0.1:4000/',
    );
  });

  it('reports every bad URL and bad broker list at once', () => {
    const problems = problemsOf(() =>
      resolveEndpoints(
        {
          KAFKA_BROKERS: 'k1:9092, k2:9092',
          CONNECT_URL: 'localhost-no-scheme',
          MONGO_URL: 'http://not-mongo/',
          CRM_MARIADB_URL: 'postgres://wrong/crm',
          OMS_PG_URL: 'mysql://wrong/oms',
          GRAPHQL_URL: 'nope',
        },
        LOCAL,
      ),
    );
    const vars = problems.map((p) => p.split(':')[0]).sort();
    expect(vars).toEqual([
      'CONNECT_URL',
      'CRM_MARIADB_URL',
      'GRAPHQL_URL',
      'KAFKA_BROKERS',
      'MONGO_URL',
      'OMS_PG_URL',
    ]);
    expect(problems).toContainEqual(expect.stringContaining('(got "k1:9092, k2:9092")'));
    expect(problems).toContainEqual(expect.stringContaining('(got "localhost-no-scheme")'));
  });

  it.each(['k1', 'k1:', 'k1:abc', 'k1:9092,', ',k1:9092'])('rejects KAFKA_BROKERS=%j', (brokers) => {
    const problems = problemsOf(() => resolveEndpoints({ KAFKA_BROKERS: brokers }, LOCAL));
    expect(problems).toEqual([expect.stringMatching(/^KAFKA_BROKERS: must be host:port/)]);
  });

  it('reports every missing required endpoint', () => {
    const problems = problemsOf(() => resolveEndpoints({}, {}));
    const required = ENDPOINT_KEYS.filter((k) => k !== 'GRAPHQL_URL');
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([...required].sort());
  });
});
