/**
 * graphql-ws on the HTTP server's /graphql path, executing through the same envelop plugins as HTTP
 * (limits, cost, masking). Authentication happens once per connection: from `connectionParams`
 * (`authorization`, as browsers cannot set headers on a WebSocket) or the upgrade request's header.
 */
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ExecutionArgs } from 'graphql';
import type { Authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { clientError } from '../errors';
import type { RateLimiter } from '../limits/rate-limiter';
import { persistedIdOf } from './allow-list';
import type { ApiYoga } from './create-yoga';

type Enveloped = ReturnType<ApiYoga['getEnveloped']>;
interface RootValue {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

export function attachWsTransport({
  server,
  yoga,
  authenticate,
  limiter,
  allowList,
  persistedOnly,
  maxPayload,
}: {
  server: Server;
  yoga: ApiYoga;
  authenticate: Authenticate;
  limiter: RateLimiter;
  allowList: ReadonlyMap<string, string>;
  persistedOnly: boolean;
  maxPayload: number;
}) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload });
  const principals = new WeakMap<WebSocket, Principal>();

  const cleanup = useServer(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args as ExecutionArgs),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header =
          typeof params.authorization === 'string'
            ? params.authorization
            : typeof params.Authorization === 'string'
              ? params.Authorization
              : ctx.extra.request.headers.authorization;
        const auth = await authenticate(header, ctx.extra.request.socket.remoteAddress ?? 'unknown');
        if (!auth.ok) return false;
        principals.set(ctx.extra.socket, auth.principal);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const principal = principals.get(ctx.extra.socket);
        if (!principal) return [clientError('UNAUTHENTICATED', 'not authenticated')];
        const taken = limiter.take(principal.rateKey);
        if (!taken.ok) return [clientError('RATE_LIMITED', 'too many requests for this token, slow down')];
        const hash = persistedIdOf(payload);
        const query = hash ? allowList.get(hash) : persistedOnly ? undefined : payload.query;
        if (hash && !query) return [clientError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound')];
        if (!query) return [clientError('PERSISTED_QUERY_ONLY', 'only allow-listed operations run here')];

        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          principal,
        });
        const document = parse(query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        return args;
      },
    },
    wss,
  );

  return {
    async close(): Promise<void> {
      await cleanup.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
