import path from 'node:path';
import { z } from 'zod';
import { booleanSchema, parseEnv, urlSchema, type EnvSource } from './parse';
import { REPO_ROOT, stackConfigSchema } from './stack-config';

const listSchema = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const positiveInt = z.coerce.number().int('must be an integer').positive('must be positive');

/** True for addresses only this machine can reach: the one case where the API may run without auth. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Settings of the GraphQL API: bind address (shared with the stack config), auth and limits. */
export const graphqlConfigSchema = z
  .object({
    GRAPHQL_HOST: stackConfigSchema.shape.GRAPHQL_HOST,
    GRAPHQL_PORT: stackConfigSchema.shape.GRAPHQL_PORT,
    /** `production` turns introspection and GraphiQL off unless set explicitly. Default development. */
    NODE_ENV: z.string().default('development'),
    /** HS256 shared secret of the bearer tokens (at least 32 characters). Default: unset. */
    GRAPHQL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** JWKS URL of the token issuer (RS/ES/EdDSA tokens). Default: unset. */
    GRAPHQL_JWKS_URL: urlSchema.optional(),
    /** Required `iss` of tokens. Default: not checked. */
    GRAPHQL_JWT_ISSUER: z.string().optional(),
    /** Required `aud` of tokens. Default: not checked. */
    GRAPHQL_JWT_AUDIENCE: z.string().optional(),
    /** Claim holding the roles (a string or an array of strings). Default roles. */
    GRAPHQL_JWT_ROLES_CLAIM: z.string().min(1).default('roles'),
    /** Origins allowed by CORS, comma separated. Default: none (same-origin only). */
    GRAPHQL_CORS_ORIGINS: listSchema.default([]),
    /** Largest request body in bytes. Default 65536. */
    GRAPHQL_MAX_BODY_BYTES: positiveInt.default(64 * 1024),
    /** Deepest selection allowed. Default 12. */
    GRAPHQL_MAX_DEPTH: positiveInt.default(12),
    /** Most aliases in one operation. Default 15. */
    GRAPHQL_MAX_ALIASES: positiveInt.default(15),
    /** Highest estimated cost (fields times page sizes). Default 20000. */
    GRAPHQL_MAX_COST: positiveInt.default(20_000),
    /** Largest `first` of a connection. Default 100. */
    GRAPHQL_MAX_PAGE_SIZE: positiveInt.default(100),
    /**
     * Deadline of every MongoDB call of the API, in ms: a store that does not answer in time makes the
     * field fail fast with STORE_UNAVAILABLE instead of hanging the request. Default 5000.
     */
    GRAPHQL_STORE_TIMEOUT_MS: positiveInt.default(5000),
    /**
     * Deadline of a whole query or mutation, in ms: at it every field still waiting fails with
     * DEADLINE_EXCEEDED (nullable ones become null, answered ones stay) and the response goes out.
     * Subscriptions are streams and have none. Default 10000.
     */
    GRAPHQL_REQUEST_TIMEOUT_MS: positiveInt.default(10_000),
    /**
     * totalCount of a filtered customers connection counts at most this many matches; beyond it
     * totalCount is this number and totalCountExact false. Default 10000.
     */
    GRAPHQL_MAX_COUNT: positiveInt.default(10_000),
    /** Requests per token (or per client address without auth) per minute. Default 600. */
    GRAPHQL_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
    /** Only operations from the allow-list (GRAPHQL_PERSISTED_OPERATIONS_DIR) run. Default false. */
    GRAPHQL_PERSISTED_ONLY: booleanSchema.default(false),
    /** Folder of the allow-listed operations (*.graphql, keyed by sha256). Default docs/queries. */
    GRAPHQL_PERSISTED_OPERATIONS_DIR: z.string().default(path.join(REPO_ROOT, 'docs', 'queries')),
    /** Introspection. Default: on unless NODE_ENV=production. */
    GRAPHQL_INTROSPECTION: booleanSchema.optional(),
    /** GraphiQL at /graphql in a browser. Default: on unless NODE_ENV=production. */
    GRAPHQL_GRAPHIQL: booleanSchema.optional(),
    /**
     * The support console at /console (web/console), a page that uses this API with the caller's
     * token. Default false; `npm start` (the demo) turns it on.
     */
    GRAPHQL_CONSOLE: booleanSchema.default(false),
  })
  .superRefine((c, ctx) => {
    if (c.GRAPHQL_JWT_SECRET && c.GRAPHQL_JWKS_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPHQL_JWKS_URL'],
        message: 'set either GRAPHQL_JWT_SECRET or GRAPHQL_JWKS_URL, not both',
      });
    if (c.GRAPHQL_CONSOLE && c.GRAPHQL_PERSISTED_ONLY)
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPHQL_CONSOLE'],
        message:
          'the console sends its own operations, which GRAPHQL_PERSISTED_ONLY=true refuses: turn one off',
      });
    if (!c.GRAPHQL_JWT_SECRET && !c.GRAPHQL_JWKS_URL && !isLoopbackHost(c.GRAPHQL_HOST))
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPHQL_HOST'],
        message:
          'is not a loopback address and no auth is configured: set GRAPHQL_JWT_SECRET or GRAPHQL_JWKS_URL, or bind to 127.0.0.1',
      });
  })
  .transform((c) => {
    const production = c.NODE_ENV === 'production';
    return {
      ...c,
      GRAPHQL_INTROSPECTION: c.GRAPHQL_INTROSPECTION ?? !production,
      GRAPHQL_GRAPHIQL: c.GRAPHQL_GRAPHIQL ?? !production,
    };
  });
export type GraphqlConfig = z.infer<typeof graphqlConfigSchema>;

export function parseGraphqlConfig(env: EnvSource): GraphqlConfig {
  return parseEnv(graphqlConfigSchema, env);
}
