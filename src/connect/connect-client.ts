import { AppError } from '../shared/errors';
import type { ConnectorConfig } from './connector-configs';

export interface TaskState {
  id: number;
  state: string;
  worker_id: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: TaskState[];
  type?: string;
}

/** One config key as `PUT /connector-plugins/{class}/config/validate` reports it. */
export interface ValidatedConfig {
  definition: { name: string };
  /** Null for keys the plugin defines but has no value for. */
  value: { name: string; errors: string[] } | null;
}

export interface ValidationResult {
  name: string;
  error_count: number;
  configs: ValidatedConfig[];
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

const path = (name: string) => `/connectors/${encodeURIComponent(name)}`;

/**
 * A small client of the Kafka Connect REST API. Every call has a deadline (`timeoutMs`, default
 * 10 s): a worker that accepts connections and never answers must fail the command, not hang it.
 * A 404 is `undefined` (absent connector); other error statuses throw ConnectError.
 */
export function createConnectClient({
  baseUrl,
  timeoutMs = 10_000,
  retries = 6,
}: {
  baseUrl: string;
  /** Deadline of each request in ms. Default 10000. */
  timeoutMs?: number;
  /** Attempts of a request Connect answers with 409 or 5xx (backing off 0.5 s, 1 s, ...). Default 6. */
  retries?: number;
}) {
  /**
   * One request, repeated while Connect answers 409 (a rebalance in progress) or 5xx (a rebalance
   * expected, a worker restarting), which last seconds whenever connectors come and go. Every call
   * here is idempotent (GET, PUT of a whole config, pause/resume, restart, DELETE), so a repeat is safe.
   */
  async function call<T>(
    method: string,
    urlPath: string,
    body?: unknown,
    deadlineMs = timeoutMs,
  ): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(method, urlPath, body, deadlineMs);
      } catch (e) {
        const busy = e instanceof ConnectError && (e.status === 409 || e.retriable);
        if (!busy || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  async function once<T>(
    method: string,
    urlPath: string,
    body: unknown,
    deadlineMs: number,
  ): Promise<T | undefined> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${baseUrl}${urlPath}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(deadlineMs),
      });
      text = await res.text();
    } catch (e) {
      // AbortSignal.timeout rejects with a DOMException, which is no `Error` instance on Node 20.
      const { name } = (e ?? {}) as { name?: string };
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new AppError(
        'connect-unavailable',
        timedOut
          ? `${method} ${urlPath}: Kafka Connect gave no answer within ${deadlineMs} ms`
          : `${method} ${urlPath}: Kafka Connect at ${baseUrl} unreachable (${(e as Error).message})`,
        { retriable: true, cause: e, hint: 'check CONNECT_URL and that the Connect worker runs' },
      );
    }
    if (res.status === 404) return undefined;
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        /* not JSON */
      }
      throw new ConnectError(`${method} ${urlPath}: ${res.status} ${message}`, res.status);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A call whose 404 means the connector is missing: an error for commands that need it. */
  async function mustExist<T>(name: string, p: Promise<T | undefined>, what: string): Promise<T | undefined> {
    const res = await p;
    if (res === undefined && !(await call<ConnectorConfig>('GET', `${path(name)}/config`)))
      throw new ConnectError(`${what} ${name}: no such connector`, 404);
    return res;
  }

  return {
    getConfig: (name: string) => call<ConnectorConfig>('GET', `${path(name)}/config`),
    putConfig: (name: string, config: ConnectorConfig) =>
      call<unknown>('PUT', `${path(name)}/config`, config),
    status: (name: string) => call<ConnectorStatus>('GET', `${path(name)}/status`),
    list: async () => (await call<string[]>('GET', '/connectors')) ?? [],
    /** Every connector's status in one request (`?expand=status`). */
    statusAll: async (): Promise<ConnectorStatus[]> => {
      const all =
        (await call<Record<string, { status: ConnectorStatus }>>('GET', '/connectors?expand=status')) ?? {};
      return Object.values(all).map((c) => c.status);
    },
    remove: (name: string) => call<unknown>('DELETE', path(name)),
    plugins: async () =>
      (await call<{ class: string; type: string; version: string }[]>('GET', '/connector-plugins')) ?? [],
    /**
     * Connect's own validation of a config by its plugin. Debezium connects to the database here, so
     * it gets a longer deadline (Connect's own REST timeout is 90 s).
     */
    validate: async (pluginClass: string, config: ConnectorConfig): Promise<ValidationResult> => {
      const res = await call<ValidationResult>(
        'PUT',
        `/connector-plugins/${encodeURIComponent(pluginClass)}/config/validate`,
        config,
        Math.max(timeoutMs, 60_000),
      );
      if (!res) throw new ConnectError(`plugin ${pluginClass} is not installed on the worker`, 404);
      return res;
    },
    /** Restarts the connector and its tasks; `onlyFailed` leaves RUNNING instances alone. */
    restart: (name: string, { onlyFailed }: { onlyFailed: boolean }) =>
      mustExist(
        name,
        call<unknown>('POST', `${path(name)}/restart?includeTasks=true&onlyFailed=${onlyFailed}`),
        'restart',
      ),
    pause: (name: string) => mustExist(name, call<unknown>('PUT', `${path(name)}/pause`), 'pause'),
    resume: (name: string) => mustExist(name, call<unknown>('PUT', `${path(name)}/resume`), 'resume'),
  };
}
export type ConnectClient = ReturnType<typeof createConnectClient>;
