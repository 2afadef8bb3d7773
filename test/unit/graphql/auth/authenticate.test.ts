import { SignJWT } from 'jose';
import { createAuthenticator } from '../../../../src/graphql/auth/authenticate';

const SECRET = 'unit-test-secret-that-is-at-least-32-chars';
const base = { GRAPHQL_JWT_ROLES_CLAIM: 'roles' } as const;
const sign = (claims: Record<string, unknown>, secret = SECRET, exp = '5m') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

describe('createAuthenticator', () => {
  const auth = createAuthenticator({ ...base, GRAPHQL_JWT_SECRET: SECRET });

  it('admits a valid HS256 token with its known roles and a per-subject rate key', async () => {
    const r = await auth(`Bearer ${await sign({ roles: ['agent', 'admin'] })}`, '127.0.0.1');
    expect(r).toEqual({
      ok: true,
      principal: { subject: 'u1', roles: new Set(['agent']), rateKey: 'sub:u1' },
    });
    const spaced = await auth(`Bearer ${await sign({ roles: 'support service' })}`, '127.0.0.1');
    expect(spaced.ok && [...spaced.principal.roles]).toEqual(['support', 'service']);
  });

  it('refuses a missing, malformed, foreign, expired or role-less token', async () => {
    expect(await auth(undefined, 'a')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await auth('Basic xyz', 'a')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const foreign = await sign({ roles: ['support'] }, 'another-secret-that-is-at-least-32-chars!');
    expect(await auth(`Bearer ${foreign}`, 'a')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const expired = await sign({ roles: ['support'] }, SECRET, '-1m');
    expect(await auth(`Bearer ${expired}`, 'a')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await auth(`Bearer ${await sign({ roles: ['admin'] })}`, 'a')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('checks issuer and audience when configured, and reads roles from the configured claim', async () => {
    const strict = createAuthenticator({
      GRAPHQL_JWT_SECRET: SECRET,
      GRAPHQL_JWT_ISSUER: 'https://idp.example.cn',
      GRAPHQL_JWT_AUDIENCE: 'csv',
      GRAPHQL_JWT_ROLES_CLAIM: 'https://csv/roles',
    });
    const good = await new SignJWT({ 'https://csv/roles': ['service'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://idp.example.cn')
      .setAudience('csv')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await strict(`Bearer ${good}`, 'a')).toMatchObject({ ok: true });
    expect(await strict(`Bearer ${await sign({ roles: ['service'] })}`, 'a')).toMatchObject({ ok: false });
  });

  it('admits everyone as support, rate-limited per address, when no auth is configured', async () => {
    const demo = createAuthenticator(base);
    expect(await demo(undefined, '127.0.0.1')).toEqual({
      ok: true,
      principal: { subject: 'anonymous', roles: new Set(['support']), rateKey: 'ip:127.0.0.1' },
    });
  });
});
