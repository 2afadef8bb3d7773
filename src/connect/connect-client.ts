import { AppError } from '../shared/errors';
import type { ConnectorConfig } from './connector-configs';

export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
}

/** Connect answered with an error status; 5xx (a worker restarting, a rebalance) is worth a retry. */
export class ConnectError extends AppError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super('connect-failed', message, { retriable: status >= 500 });
    this.name = 'ConnectError';
  }
}

/** A small client of the Kafka Connect REST API. */
export function createConnectClient({
  baseUrl,
  timeoutMs = 10_000,
}: {
  baseUrl: string;
  timeoutMs?: number;
}) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 404) return undefined;
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        /* not JSON */
      }
      throw new ConnectError(`${method} ${path}: ${res.status} ${message}`, res.status);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    getConfig: (name: string) =>
      call<ConnectorConfig>('GET', `/connectors/${encodeURIComponent(name)}/config`),
    putConfig: (name: string, config: ConnectorConfig) =>
      call<unknown>('PUT', `/connectors/${encodeURIComponent(name)}/config`, config),
    status: (name: string) => call<ConnectorStatus>('GET', `/connectors/${encodeURIComponent(name)}/status`),
    list: async () => (await call<string[]>('GET', '/connectors')) ?? [],
    remove: (name: string) => call<unknown>('DELETE', `/connectors/${encodeURIComponent(name)}`),
    plugins: async () =>
      (await call<{ class: string; type: string; version: string }[]>('GET', '/connector-plugins')) ?? [],
  };
}
export type ConnectClient = ReturnType<typeof createConnectClient>;
