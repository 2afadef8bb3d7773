import type { ConnectClient, ConnectorStatus } from '../../../src/connect/connect-client';
import type { ConnectorConfig, ConnectorDefinition } from '../../../src/connect/connector-configs';
import { rolloutConnector, waitForRunning } from '../../../src/connect/rollout';

function fakeClient(opts: { current?: ConnectorConfig; statuses?: (ConnectorStatus | Error | undefined)[] }) {
  const puts: { name: string; config: ConnectorConfig }[] = [];
  const gets: string[] = [];
  let statusCalls = 0;
  const client = {
    getConfig: async (name: string) => {
      gets.push(name);
      return opts.current;
    },
    putConfig: async (name: string, config: ConnectorConfig) => {
      puts.push({ name, config });
      return undefined;
    },
    status: async (_name: string) => {
      const list = opts.statuses ?? [];
      const s = list[Math.min(statusCalls++, list.length - 1)];
      if (s instanceof Error) throw s;
      return s;
    },
  };
  return { client: client as unknown as ConnectClient, puts, gets, statusCalls: () => statusCalls };
}

const def: ConnectorDefinition = {
  name: 'crm',
  config: { name: 'crm', 'connector.class': 'X', 'tasks.max': '1' },
};

function status(connector: string, tasks: string[], trace?: string): ConnectorStatus {
  return {
    name: 'crm',
    connector: { state: connector, worker_id: 'w1' },
    tasks: tasks.map((state, id) => ({ id, state, worker_id: 'w1', ...(trace ? { trace } : {}) })),
  };
}

describe('rolloutConnector', () => {
  it("returns 'created' and PUTs the config when the connector does not exist", async () => {
    const f = fakeClient({ current: undefined });
    await expect(rolloutConnector(f.client, def)).resolves.toBe('created');
    expect(f.gets).toEqual(['crm']);
    expect(f.puts).toEqual([{ name: 'crm', config: def.config }]);
  });

  it("returns 'unchanged' and makes no PUT when the config is identical (key order aside)", async () => {
    const f = fakeClient({ current: { 'tasks.max': '1', 'connector.class': 'X', name: 'crm' } });
    await expect(rolloutConnector(f.client, def)).resolves.toBe('unchanged');
    expect(f.puts).toEqual([]);
  });

  it("returns 'updated' and PUTs the new config when a value differs", async () => {
    const f = fakeClient({ current: { ...def.config, 'tasks.max': '2' } });
    await expect(rolloutConnector(f.client, def)).resolves.toBe('updated');
    expect(f.puts).toEqual([{ name: 'crm', config: def.config }]);
  });

  it("returns 'updated' when the deployed config has an extra key", async () => {
    const f = fakeClient({ current: { ...def.config, 'snapshot.mode': 'never' } });
    await expect(rolloutConnector(f.client, def)).resolves.toBe('updated');
    expect(f.puts).toHaveLength(1);
  });

  it("returns 'updated' when the deployed config lacks a key", async () => {
    const current: ConnectorConfig = { ...def.config };
    delete current['tasks.max'];
    const f = fakeClient({ current });
    await expect(rolloutConnector(f.client, def)).resolves.toBe('updated');
    expect(f.puts).toHaveLength(1);
  });
});

describe('waitForRunning', () => {
  it('resolves once the connector and all its tasks are RUNNING', async () => {
    const f = fakeClient({
      statuses: [undefined, status('RUNNING', ['UNASSIGNED']), status('RUNNING', ['RUNNING', 'RUNNING'])],
    });
    await expect(waitForRunning(f.client, 'crm', 5000)).resolves.toBeUndefined();
    expect(f.statusCalls()).toBe(3);
  });

  it('keeps polling through status errors', async () => {
    const f = fakeClient({ statuses: [new Error('ECONNREFUSED'), status('RUNNING', ['RUNNING'])] });
    await expect(waitForRunning(f.client, 'crm', 5000)).resolves.toBeUndefined();
    expect(f.statusCalls()).toBe(2);
  });

  it('rejects at once with the trace when a task FAILED', async () => {
    const trace = [
      'org.apache.kafka.connect.errors.ConnectException: boom',
      ...Array(20).fill('\tat x'),
    ].join('\n');
    const f = fakeClient({ statuses: [status('RUNNING', ['RUNNING', 'FAILED'], trace)] });
    const started = Date.now();
    const err = await waitForRunning(f.client, 'crm', 10_000).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(400);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toMatch(/^connector crm FAILED:\n/);
    expect(message).toContain('ConnectException: boom');
    expect(message.split('\n')).toHaveLength(1 + 8);
    expect(f.statusCalls()).toBe(1);
  });

  it('rejects when the connector itself FAILED', async () => {
    const f = fakeClient({
      statuses: [{ ...status('FAILED', []), connector: { state: 'FAILED', worker_id: 'w' } }],
    });
    await expect(waitForRunning(f.client, 'crm', 10_000)).rejects.toThrow('connector crm FAILED');
  });

  it('rejects on timeout with the last state seen', async () => {
    const f = fakeClient({ statuses: [status('RUNNING', [])] });
    const started = Date.now();
    await expect(waitForRunning(f.client, 'crm', 1200)).rejects.toThrow(
      'connector crm not running after 1.2s (connector RUNNING, tasks [])',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(f.statusCalls()).toBeGreaterThanOrEqual(2);
  });

  it("says 'no status yet' on timeout when no status was ever read", async () => {
    const f = fakeClient({ statuses: [undefined] });
    await expect(waitForRunning(f.client, 'crm', 1200)).rejects.toThrow('(no status yet)');
  });
});

describe('waitForRunning after a config change', () => {
  it('waits out the failure of the old config, and reports a new one at once', async () => {
    const old = fakeClient({
      statuses: [status('RUNNING', ['FAILED'], 'old trace'), status('RUNNING', ['RUNNING'])],
    });
    await expect(
      waitForRunning(old.client, 'crm', 10_000, { staleTraces: new Set(['old trace']) }),
    ).resolves.toBeUndefined();

    const fresh = fakeClient({ statuses: [status('RUNNING', ['FAILED'], 'new trace')] });
    await expect(
      waitForRunning(fresh.client, 'crm', 10_000, { staleTraces: new Set(['old trace']) }),
    ).rejects.toMatchObject({ code: 'connector-not-running', trace: 'new trace' });
  });

  it('trusts the old failure once the grace period is over', async () => {
    const f = fakeClient({ statuses: [status('RUNNING', ['FAILED'], 'old trace')] });
    await expect(
      waitForRunning(f.client, 'crm', 10_000, { staleTraces: new Set(['old trace']), staleGraceMs: 600 }),
    ).rejects.toThrow('connector crm FAILED');
  });

  it('needs RUNNING to hold for settleMs', async () => {
    const f = fakeClient({
      statuses: [status('RUNNING', ['RUNNING']), status('RUNNING', ['FAILED'], 'late')],
    });
    await expect(waitForRunning(f.client, 'crm', 10_000, { settleMs: 400 })).rejects.toMatchObject({
      trace: 'late',
    });
  });
});
