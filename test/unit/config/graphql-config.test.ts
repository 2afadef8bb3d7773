import { isLoopbackHost, parseGraphqlConfig } from '../../../src/config/graphql-config';
import { problemsOf } from '../../support/config-problems';

describe('parseGraphqlConfig', () => {
  it('defaults to the loopback demo: no auth, introspection and GraphiQL on, limits set', () => {
    const c = parseGraphqlConfig({});
    expect(c).toMatchObject({
      GRAPHQL_HOST: '127.0.0.1',
      GRAPHQL_PORT: 4000,
      GRAPHQL_INTROSPECTION: true,
      GRAPHQL_GRAPHIQL: true,
      GRAPHQL_MAX_PAGE_SIZE: 100,
      GRAPHQL_PERSISTED_ONLY: false,
      GRAPHQL_CORS_ORIGINS: [],
    });
    expect(c.GRAPHQL_JWT_SECRET).toBeUndefined();
  });

  it('turns introspection and GraphiQL off in production unless asked for', () => {
    expect(parseGraphqlConfig({ NODE_ENV: 'production' })).toMatchObject({
      GRAPHQL_INTROSPECTION: false,
      GRAPHQL_GRAPHIQL: false,
    });
    expect(
      parseGraphqlConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION,
    ).toBe(true);
  });

  it('lists every invalid variable together, including auth missing off loopback', () => {
    expect(
      problemsOf(() =>
        parseGraphqlConfig({
          GRAPHQL_HOST: '0.0.0.0',
          GRAPHQL_PORT: '70000',
          GRAPHQL_MAX_DEPTH: '0',
          GRAPHQL_JWT_SECRET: 'short',
          GRAPHQL_PERSISTED_ONLY: 'maybe',
        }),
      ).map((p) => p.split(':')[0]),
    ).toEqual(['GRAPHQL_PORT', 'GRAPHQL_JWT_SECRET', 'GRAPHQL_MAX_DEPTH', 'GRAPHQL_PERSISTED_ONLY']);
    expect(problemsOf(() => parseGraphqlConfig({ GRAPHQL_HOST: '0.0.0.0' }))).toEqual([
      expect.stringMatching(/^GRAPHQL_HOST: is not a loopback address and no auth is configured/),
    ]);
    expect(
      problemsOf(() =>
        parseGraphqlConfig({ GRAPHQL_JWT_SECRET: 'x'.repeat(32), GRAPHQL_JWKS_URL: 'https://idp/jwks' }),
      ),
    ).toEqual([expect.stringContaining('not both')]);
  });

  it('accepts any host with auth configured, and splits CORS origins', () => {
    expect(
      parseGraphqlConfig({
        GRAPHQL_HOST: '0.0.0.0',
        GRAPHQL_JWKS_URL: 'https://idp.example.cn/.well-known/jwks.json',
        GRAPHQL_CORS_ORIGINS: 'https://a.example.cn, https://b.example.cn',
      }).GRAPHQL_CORS_ORIGINS,
    ).toEqual(['https://a.example.cn', 'https://b.example.cn']);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.cn'].some(isLoopbackHost)).toBe(false);
  });
});
