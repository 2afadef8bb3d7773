/**
 * The client errors the API means to show. Anything else thrown from a resolver is masked by yoga
 * ("Unexpected error.") and logged, so internals never reach a client.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'STORE_UNAVAILABLE',
  'DEADLINE_EXCEEDED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Errors that stop a request before any field runs answer with these statuses, as GraphQL over HTTP
 * asks of a request that is not well-formed or not allowed (yoga applies `extensions.http.status`
 * when the response has no data).
 */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
};

export function clientError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

/** The view's store did not answer in time: the client may retry later. */
export const storeUnavailable = () =>
  clientError('STORE_UNAVAILABLE', 'the view is not reachable right now; retry shortly');

export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  clientError('BAD_USER_INPUT', message, extra);
