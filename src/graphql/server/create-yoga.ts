/** The yoga instance: schema, context, guards, error masking, CORS, GraphiQL. Transport-free. */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphqlConfig } from '../../config/graphql-config';
import type { Log } from '../../shared/logger';
import type { Authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { createLoaders, type GraphqlContext, type Services } from '../context';
import { classify } from '../../shared/errors';
import { clientError, storeUnavailable } from '../errors';
import { maxAliasesRule, maxDepthRule } from '../limits/shape-rules';
import type { RateLimiter } from '../limits/rate-limiter';
import { createApiSchema } from '../schema';
import { useRequestDeadline, withResolverDeadlines } from './deadline';
import {
  introspectionRule,
  principals,
  useAuthAndRateLimit,
  useCostLimit,
  useValidationRules,
  useVariableCoercion,
} from './plugins';

export interface ServerContext {
  req?: IncomingMessage;
  /** Set by the graphql-ws transport, which authenticates once per connection. */
  principal?: Principal;
}

export function createApiYoga({
  config,
  services,
  authenticate,
  allowList,
  limiter,
  log,
}: {
  config: GraphqlConfig;
  services: Services;
  authenticate: Authenticate;
  allowList: ReadonlyMap<string, string>;
  limiter: RateLimiter;
  log: Log;
}) {
  const rules = [maxDepthRule(config.GRAPHQL_MAX_DEPTH), maxAliasesRule(config.GRAPHQL_MAX_ALIASES)];
  if (!config.GRAPHQL_INTROSPECTION) rules.push(introspectionRule);
  const origins = config.GRAPHQL_CORS_ORIGINS;

  return createYoga<ServerContext, GraphqlContext>({
    schema: withResolverDeadlines(createApiSchema()),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    graphiql:
      config.GRAPHQL_GRAPHIQL && !config.GRAPHQL_PERSISTED_ONLY ? { subscriptionsProtocol: 'WS' } : false,
    maxRequestBodySize: config.GRAPHQL_MAX_BODY_BYTES,
    cors:
      origins.length === 0
        ? false
        : {
            origin: origins,
            methods: ['GET', 'POST'],
            allowedHeaders: ['content-type', 'authorization', 'accept'],
            credentials: true,
            maxAge: 600,
          },
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        // A store that timed out or went away is the client's business too: it may retry.
        if (classify(original).code === 'store-unavailable') {
          log('graphql-store-unavailable', {
            error: original instanceof Error ? original.message : String(original),
          });
          return storeUnavailable();
        }
        const masked = maskError(error, message, isDev);
        if (masked !== error && !(error instanceof GraphQLError && error.extensions?.code)) {
          log('graphql-error', {
            error: original instanceof Error ? original.message : String(original),
            stack: original instanceof Error ? original.stack : undefined,
          });
        }
        return masked;
      },
    },
    context: ({ request, principal }) => {
      const who = principal ?? principals.get(request);
      // Unreachable through the plugins; a guard so no code path serves data without a principal.
      if (!who) throw clientError('UNAUTHENTICATED', 'not authenticated');
      return { principal: who, loaders: createLoaders(services.db), services };
    },
    plugins: [
      useAuthAndRateLimit(authenticate, limiter),
      usePersistedOperations({
        getPersistedOperation: (key) => allowList.get(key) ?? null,
        allowArbitraryOperations: !config.GRAPHQL_PERSISTED_ONLY,
        customErrors: {
          notFound: {
            message: 'PersistedQueryNotFound',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
          },
          persistedQueryOnly: {
            message: 'only allow-listed operations run here: send extensions.persistedQuery.sha256Hash',
            extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
          },
          keyNotFound: {
            message: 'PersistedQueryKeyNotFound',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
          },
        },
      }),
      useValidationRules(rules),
      useVariableCoercion(),
      useCostLimit(config.GRAPHQL_MAX_COST),
      useRequestDeadline(config.GRAPHQL_REQUEST_TIMEOUT_MS),
    ],
  });
}
export type ApiYoga = ReturnType<typeof createApiYoga>;
