/**
 * One error type for the whole project: a stable `code` for programs and metrics, and a `retriable`
 * flag that decides retry (re-read the batch) versus dead letter (the message is at fault). Callers
 * test `instanceof AppError`, the code and the flag; never the message text.
 *
 * `classify` turns what the drivers throw into an AppError, by class and by the codes and labels the
 * drivers document (MongoDB error labels, kafkajs `retriable`, HTTP status of the registry).
 */
import {
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';
import { kafkaErrorRetriable } from '../kafka/kafka-client';

export const ERROR_CODES = [
  /** Invalid configuration (every problem listed). */
  'config-invalid',
  /** The local stack could not do what was asked; `hint` says what to do. */
  'stack-failed',
  /** A port we must listen on is taken (the message names its variable). */
  'port-in-use',
  /** MongoDB did not answer in time, or the connection broke. */
  'store-unavailable',
  /** Another writer stored the same key first (E11000). */
  'duplicate-key',
  /** A customer kept changing under our rebuilds. */
  'store-conflict',
  /** MongoDB refused a command for another reason. */
  'store-failed',
  /** The schema registry could not be reached or failed (5xx, network). */
  'registry-unavailable',
  /** The registry does not know a schema id a message names. */
  'unknown-schema',
  /** The registry's schema cannot be used to decode (not Avro avsc understands). */
  'schema-invalid',
  /** A message body that cannot be decoded. */
  'malformed',
  /** A required column is missing or null. */
  'missing-field',
  /** A column holds a value of the wrong type or range. */
  'bad-value',
  /** Kafka did not answer or refused a request kafkajs deems retriable. */
  'kafka-unavailable',
  /** A Kafka request failed for good. */
  'kafka-failed',
  /** Kafka Connect's REST API answered with an error. */
  'connect-failed',
  /** Kafka Connect did not answer within the deadline, or could not be reached. */
  'connect-unavailable',
  /** A connector or one of its tasks FAILED, or did not reach RUNNING in time. */
  'connector-not-running',
  /** A connector config (committed or overlaid) breaks a rule; every problem is listed. */
  'connector-config-invalid',
  /** A legacy source database could not be read (reconciliation). */
  'source-unavailable',
  /** A connector cannot take a snapshot signal (no Kafka signal channel, no such table or connector). */
  'snapshot-unsupported',
  /** A rebuilt (or rolled-back) view generation differs from the sources: not switched to. */
  'rebuild-drift',
  /** The view's generation changed while a rebuild or rollback ran: it must start again. */
  'rebuild-conflict',
  /** A rebuild could not run as asked (no previous generation, a shadow database in the way, too slow). */
  'rebuild-failed',
  /** Anything else: a bug until proven otherwise. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  /** What a person should do about it, printed under the message by the CLIs. */
  readonly hint?: string;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown; hint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/**
 * Driver errors whose classes the driver does not export, known by the names it documents: no pooled
 * connection came free within waitQueueTimeoutMS (every one is stuck on a store that does not answer).
 */
const POOL_TIMEOUTS = new Set(['MongoWaitQueueTimeoutError']);

const hasNumber = (e: unknown, key: string): e is Record<string, number> =>
  typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)[key] === 'number';

/** True for a MongoDB duplicate-key error (E11000), also inside a bulk write's per-operation errors. */
export function isDuplicateKey(e: unknown): boolean {
  return hasNumber(e, 'code') && e.code === 11000;
}

/**
 * The AppError for anything thrown. MongoDB: network errors, server selection and operation timeouts,
 * and errors labelled `RetryableWriteError`/`TransientTransactionError` (the driver's own retry
 * signal) are retriable; E11000 is `duplicate-key`; other server errors are not retriable. kafkajs
 * errors carry their own `retriable` flag. Unknown errors are `internal` and retriable: a batch that
 * fails for a reason we cannot name is re-read (and logged) rather than dropped into the DLQ.
 */
export function classify(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof MongoError) {
    if (
      e instanceof MongoNetworkError ||
      e instanceof MongoServerSelectionError ||
      e instanceof MongoOperationTimeoutError ||
      POOL_TIMEOUTS.has(e.name)
    )
      return new AppError('store-unavailable', `MongoDB: ${message}`, { retriable: true, cause: e });
    if (isDuplicateKey(e)) return new AppError('duplicate-key', `MongoDB: ${message}`, { cause: e });
    const retriable =
      e.hasErrorLabel('RetryableWriteError') ||
      e.hasErrorLabel('TransientTransactionError') ||
      e.hasErrorLabel('ResetPool');
    return new AppError(retriable ? 'store-unavailable' : 'store-failed', `MongoDB: ${message}`, {
      retriable: retriable || !(e instanceof MongoServerError),
      cause: e,
    });
  }
  const kafkaRetriable = kafkaErrorRetriable(e);
  const cause = (e as { cause?: unknown } | null)?.cause;
  // kafkajs wraps what a batch handler threw (e.g. after its retries ran out): judge the cause.
  if (kafkaRetriable !== null && cause instanceof Error && kafkaErrorRetriable(cause) === null)
    return classify(cause);
  if (kafkaRetriable !== null) {
    return new AppError(kafkaRetriable ? 'kafka-unavailable' : 'kafka-failed', `Kafka: ${message}`, {
      retriable: kafkaRetriable,
      cause: e,
    });
  }
  return new AppError('internal', message, { retriable: true, cause: e });
}
