/**
 * The request deadline (GRAPHQL_REQUEST_TIMEOUT_MS). graphql-js cannot cancel an execution, so the
 * deadline is enforced at the resolvers: every resolver that returns a promise races the request's
 * deadline, and one that starts after it fails at once. At the deadline every field still waiting
 * fails with DEADLINE_EXCEEDED (nullable ones become null, as for any field error), the fields
 * already answered stay, and the response goes out; the store calls left behind end at their own
 * deadline (GRAPHQL_STORE_TIMEOUT_MS). Subscriptions are streams: they get no deadline.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clientError } from '../errors';

export interface Deadline {
  readonly ms: number;
  /** Settles like `work`, or rejects with DEADLINE_EXCEEDED when the deadline comes first. */
  race<T>(work: Promise<T>): Promise<T>;
  expired(): boolean;
  dispose(): void;
}

export const deadlineExceeded = (ms: number) =>
  clientError(
    'DEADLINE_EXCEEDED',
    `the request did not finish within its deadline of ${ms} ms; retry shortly`,
    {
      deadlineMs: ms,
    },
  );

export function createDeadline(ms: number, now = Date.now): Deadline {
  const at = now() + ms;
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(deadlineExceeded(ms)), ms);
    timer.unref();
  });
  // Observed only through races; a request that finished in time must not leave it unhandled.
  expiry.catch(() => undefined);
  return {
    ms,
    race: (work) => (now() >= at ? Promise.reject(deadlineExceeded(ms)) : Promise.race([work, expiry])),
    expired: () => now() >= at,
    dispose: () => clearTimeout(timer),
  };
}

interface WithDeadline {
  deadline?: Deadline;
}

const isPromise = (v: unknown): v is Promise<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

/** Wraps the field resolvers of the schema (in place) so asynchronous ones race the request's deadline. */
export function withResolverDeadlines<S extends GraphQLSchema>(schema: S): S {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      // Default resolvers read a property synchronously: nothing to wait for.
      if (!resolve) continue;
      field.resolve = (source, args, context: WithDeadline, info) => {
        const deadline = context?.deadline;
        // Past the deadline no new store work starts.
        if (deadline?.expired()) throw deadlineExceeded(deadline.ms);
        const result = resolve(source, args, context, info);
        return deadline && isPromise(result) ? deadline.race(result) : result;
      };
    }
  }
  return schema;
}

/** Starts each query's or mutation's deadline when it begins to execute. */
export function useRequestDeadline(ms: number): Plugin<WithDeadline> {
  return {
    onExecute({ extendContext }) {
      const deadline = createDeadline(ms);
      extendContext({ deadline });
      return { onExecuteDone: () => deadline.dispose() };
    },
  };
}
