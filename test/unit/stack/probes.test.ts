import net from 'node:net';
import { StackError } from '../../../tools/stack/errors';
import { portFree, portOpen, waitUntil } from '../../../tools/stack/probes';

function listen(): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      resolve({ server, port: (server.address() as net.AddressInfo).port });
    });
  });
}

const close = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('portFree / portOpen', () => {
  it('a listening port is open and not free; after close it is free and not open', async () => {
    const { server, port } = await listen();
    try {
      expect(await portOpen(port)).toBe(true);
      expect(await portFree(port)).toBe(false);
    } finally {
      await close(server);
    }
    expect(await portFree(port)).toBe(true);
    expect(await portOpen(port)).toBe(false);
  });

  it('portFree releases the port it probed', async () => {
    const { server, port } = await listen();
    await close(server);
    expect(await portFree(port)).toBe(true);
    expect(await portFree(port)).toBe(true);
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen({ port, host: '127.0.0.1' }, () => resolve());
    });
    await close(again);
  });
});

describe('waitUntil', () => {
  it('resolves once the probe holds', async () => {
    let calls = 0;
    await expect(
      waitUntil('svc', async () => ++calls >= 3, { timeoutMs: 5000, intervalMs: 10 }),
    ).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('resolves at once without consulting alive when the probe already holds', async () => {
    const alive = jest.fn(() => false);
    await waitUntil('svc', async () => true, { timeoutMs: 1000, alive });
    expect(alive).not.toHaveBeenCalled();
  });

  it('throws a StackError mentioning "exited" when alive() turns false', async () => {
    let rounds = 0;
    const started = Date.now();
    const err = await waitUntil('postgres', async () => false, {
      timeoutMs: 10_000,
      intervalMs: 10,
      alive: () => ++rounds < 3,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackError);
    expect((err as StackError).message).toMatch(/^postgres: .*exited/);
    expect(rounds).toBe(3);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws a StackError on timeout', async () => {
    let calls = 0;
    const started = Date.now();
    const err = await waitUntil(
      'kafka',
      async () => {
        calls++;
        return false;
      },
      { timeoutMs: 300, intervalMs: 20, alive: () => true },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackError);
    expect((err as StackError).message).toBe('kafka: not ready after 0.3s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(calls).toBeGreaterThan(1);
  });
});
