/**
 * Bearer tokens to principals with `jose`: HS256 with a shared secret, or any asymmetric algorithm
 * with keys from a JWKS URL (cached and refreshed by jose). Without either, the demo mode admits
 * every request as `support`; the config refuses that mode off loopback.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { GraphqlConfig } from '../../config/graphql-config';
import { ROLES, type Principal, type Role } from './principal';

export type AuthResult =
  { ok: true; principal: Principal } | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

export type Authenticate = (
  authorization: string | null | undefined,
  clientAddress: string,
) => Promise<AuthResult>;

type AuthConfig = Pick<
  GraphqlConfig,
  | 'GRAPHQL_JWT_SECRET'
  | 'GRAPHQL_JWKS_URL'
  | 'GRAPHQL_JWT_ISSUER'
  | 'GRAPHQL_JWT_AUDIENCE'
  | 'GRAPHQL_JWT_ROLES_CLAIM'
>;

export const authConfigured = (c: AuthConfig) => Boolean(c.GRAPHQL_JWT_SECRET || c.GRAPHQL_JWKS_URL);

function rolesOf(claim: unknown): Set<Role> {
  const values = typeof claim === 'string' ? claim.split(/[\s,]+/) : Array.isArray(claim) ? claim : [];
  return new Set(values.filter((v): v is Role => (ROLES as readonly unknown[]).includes(v)));
}

export function createAuthenticator(config: AuthConfig): Authenticate {
  if (!authConfigured(config)) {
    return async (_authorization, clientAddress) => ({
      ok: true,
      principal: { subject: 'anonymous', roles: new Set<Role>(['support']), rateKey: `ip:${clientAddress}` },
    });
  }
  const key: Uint8Array | JWTVerifyGetKey = config.GRAPHQL_JWT_SECRET
    ? new TextEncoder().encode(config.GRAPHQL_JWT_SECRET)
    : createRemoteJWKSet(new URL(config.GRAPHQL_JWKS_URL as string));
  const options: JWTVerifyOptions = {
    // Pinning the algorithm family stops a token signed with another scheme from being tried.
    algorithms: config.GRAPHQL_JWT_SECRET ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'],
    ...(config.GRAPHQL_JWT_ISSUER ? { issuer: config.GRAPHQL_JWT_ISSUER } : {}),
    ...(config.GRAPHQL_JWT_AUDIENCE ? { audience: config.GRAPHQL_JWT_AUDIENCE } : {}),
  };

  return async (authorization) => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (!m) return { ok: false, code: 'UNAUTHENTICATED', message: 'a bearer token is required' };
    try {
      const { payload } = await jwtVerify(m[1] as string, key as Uint8Array, options);
      const roles = rolesOf(payload[config.GRAPHQL_JWT_ROLES_CLAIM]);
      if (roles.size === 0)
        return {
          ok: false,
          code: 'FORBIDDEN',
          message: `the token grants none of the roles ${ROLES.join(', ')}`,
        };
      const subject = payload.sub ?? 'unknown';
      return { ok: true, principal: { subject, roles, rateKey: `sub:${subject}` } };
    } catch {
      // jose's messages say which check failed; clients get one answer so tokens cannot be probed.
      return { ok: false, code: 'UNAUTHENTICATED', message: 'the bearer token is invalid or expired' };
    }
  };
}
