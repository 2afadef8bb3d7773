/**
 * The yoga/envelop plugins that guard the API: authentication and rate limiting before a request is
 * parsed, shape limits at validation, cost at execution, introspection off where configured.
 */
import type { IncomingMessage } from 'node:http';
import {
  getOperationAST,
  getVariableValues,
  NoSchemaIntrospectionCustomRule,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { clientError, type ErrorCode } from '../errors';
import { operationCost } from '../limits/cost';
import type { RateLimiter } from '../limits/rate-limiter';

/** The principal of each HTTP request, set before parsing and read by the context factory. */
export const principals = new WeakMap<Request, Principal>();

function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function useAuthAndRateLimit(authenticate: Authenticate, limiter: RateLimiter): Plugin {
  return {
    async onRequest({ request, serverContext, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS') return;
      // The GraphiQL page itself holds no data; the operations it sends are checked like any other.
      const accept = request.headers.get('accept') ?? '';
      if (request.method === 'GET' && accept.includes('text/html')) return;
      const req = (serverContext as { req?: IncomingMessage }).req;
      const address = req?.socket.remoteAddress ?? 'unknown';
      const auth = await authenticate(request.headers.get('authorization'), address);
      if (!auth.ok) {
        const status = auth.code === 'UNAUTHENTICATED' ? 401 : 403;
        const headers: Record<string, string> =
          status === 401 ? { 'www-authenticate': 'Bearer realm="customer-state-view"' } : {};
        return endResponse(errorResponse(fetchAPI, status, auth.code, auth.message, headers));
      }
      const taken = limiter.take(auth.principal.rateKey);
      if (!taken.ok) {
        return endResponse(
          errorResponse(fetchAPI, 429, 'RATE_LIMITED', 'too many requests for this token, slow down', {
            'retry-after': String(taken.retryAfterS),
          }),
        );
      }
      principals.set(request, auth.principal);
    },
  };
}

export function useValidationRules(rules: ValidationRule[]): Plugin {
  return {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

export const introspectionRule = NoSchemaIntrospectionCustomRule;

export function useCostLimit(maxCost: number): Plugin {
  const check = (args: {
    document: Parameters<typeof operationCost>[0];
    operationName?: string | null;
    variableValues?: Record<string, unknown> | null;
  }) => {
    const cost = operationCost(args.document, args.operationName, args.variableValues ?? {});
    return cost > maxCost
      ? clientError('QUERY_TOO_COMPLEX', `query cost ${cost} exceeds the limit of ${maxCost}`, {
          cost,
          maxCost,
        })
      : null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/**
 * Variables of the wrong type are the client's mistake: graphql-js reports them without a code, so
 * they are coerced here first (the same coercion execution does) and each problem answers as
 * BAD_USER_INPUT with HTTP 400, naming the variable.
 */
export function useVariableCoercion(): Plugin {
  const check = (args: {
    schema: Parameters<typeof getVariableValues>[0];
    document: Parameters<typeof getOperationAST>[0];
    operationName?: string | null;
    variableValues?: unknown;
  }) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return null;
    const coerced = getVariableValues(
      args.schema,
      operation.variableDefinitions ?? [],
      (args.variableValues as Record<string, unknown> | null | undefined) ?? {},
    );
    return coerced.errors
      ? coerced.errors.map((e) => clientError('BAD_USER_INPUT', e.message, { http: { status: 400 } }))
      : null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
