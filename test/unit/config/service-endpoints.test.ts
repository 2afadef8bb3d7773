import { ConfigError } from '../../../src/config/parse';
import { parseServiceEndpoints } from '../../../src/config/service-endpoints';

const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('parseServiceEndpoints', () => {
  const processors = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGO_URL'] as const;

  it('takes only the endpoints asked for, parsed', () => {
    expect(
      parseServiceEndpoints(
        {
          KAFKA_BROKERS: 'a:9092,b:9092',
          SCHEMA_REGISTRY_URL: 'http://registry:8080/apis/ccompat/v7',
          MONGO_URL: 'mongodb://mongo:27017/',
          CRM_MARIADB_URL: 'not even a URL',
        },
        processors,
      ),
    ).toEqual({
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      SCHEMA_REGISTRY_URL: 'http://registry:8080/apis/ccompat/v7',
      MONGO_URL: 'mongodb://mongo:27017/',
    });
  });

  it('lists every missing variable and every malformed one together', () => {
    const listed = problems(() =>
      parseServiceEndpoints({ KAFKA_BROKERS: 'no-port', MONGO_URL: '' }, processors),
    );
    expect(listed.map((p) => p.split(':')[0]).sort()).toEqual([
      'KAFKA_BROKERS',
      'MONGO_URL',
      'SCHEMA_REGISTRY_URL',
    ]);
    expect(listed.find((p) => p.startsWith('MONGO_URL'))).toMatch(/is not set .*provisions nothing/);
    expect(listed.find((p) => p.startsWith('KAFKA_BROKERS'))).toMatch(/host:port/);
  });

  it('does not require the legacy databases or Connect unless asked', () => {
    const api = () =>
      parseServiceEndpoints(
        { MONGO_URL: 'mongodb://m/', KAFKA_BROKERS: 'k:1', SCHEMA_REGISTRY_URL: 'http://r/' },
        ['MONGO_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL'],
        ['CONNECT_URL'],
      );
    expect(api()).not.toHaveProperty('CONNECT_URL');
    expect(
      parseServiceEndpoints(
        { MONGO_URL: 'mongodb://m/', CONNECT_URL: 'http://c:8083' },
        ['MONGO_URL'],
        ['CONNECT_URL'],
      ),
    ).toEqual({ MONGO_URL: 'mongodb://m/', CONNECT_URL: 'http://c:8083' });
    expect(
      problems(() =>
        parseServiceEndpoints(
          { MONGO_URL: 'mongodb://m/', CONNECT_URL: 'nope' },
          ['MONGO_URL'],
          ['CONNECT_URL'],
        ),
      ),
    ).toEqual([expect.stringMatching(/^CONNECT_URL: must be a URL/)]);
  });
});
