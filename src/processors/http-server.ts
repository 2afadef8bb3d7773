/**
 * The processors' operational endpoints: `/metrics` (Prometheus), `/healthz` (the process serves),
 * `/readyz` (joined the consumer group and MongoDB answers).
 */
import http from 'node:http';
import type { Registry } from 'prom-client';
import { listen } from '../shared/listen';

export interface HttpServerDeps {
  host: string;
  port: number;
  registry: Registry;
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}

export function createHttpServer(deps: HttpServerDeps) {
  const server = http.createServer((req, res) => {
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    void (async () => {
      switch (req.url) {
        case '/metrics':
          return reply(200, deps.registry.contentType, await deps.registry.metrics());
        case '/healthz':
          return reply(200, 'application/json', '{"ok":true}');
        case '/readyz': {
          const r = await deps.ready().catch(() => ({ ok: false, checks: {} }));
          return reply(r.ok ? 200 : 503, 'application/json', JSON.stringify(r));
        }
        default:
          return reply(404, 'application/json', '{"error":"not found"}');
      }
    })().catch(() => reply(500, 'application/json', '{"error":"internal"}'));
  });
  return {
    /** Resolves with the bound address (the real port when asked for 0). */
    start: () => listen(server, { host: deps.host, port: deps.port, variable: 'PROCESSOR_HTTP_PORT' }),
    /**
     * Stops accepting, closes idle keep-alive connections (a Prometheus scraper keeps one open, which
     * would hold close() until the deadline) and cuts the rest after `graceMs`.
     */
    stop: async ({ graceMs = 2000 } = {}) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
    address: () => server.address(),
  };
}
