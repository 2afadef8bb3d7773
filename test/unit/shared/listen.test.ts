import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { AppError } from '../../../src/shared/errors';
import { listen } from '../../../src/shared/listen';

/** A server whose listen fails with `code`, or binds `port` (no socket: unit tests stay offline). */
function fakeServer(outcome: { code: string } | { port: number }) {
  const em = new EventEmitter();
  const server = {
    once: em.once.bind(em),
    off: em.off.bind(em),
    address: () => ({ address: '127.0.0.1', family: 'IPv4', port: 'port' in outcome ? outcome.port : 0 }),
    listen: (_port: number, _host: string, cb: () => void) => {
      queueMicrotask(() => {
        if ('code' in outcome) em.emit('error', Object.assign(new Error(outcome.code), outcome));
        else cb();
      });
      return server;
    },
  };
  return { server: server as unknown as Server, listeners: () => em.listenerCount('error') };
}

describe('listen', () => {
  const target = { host: '127.0.0.1', port: 9400, variable: 'PROCESSOR_HTTP_PORT' };

  it('names the variable when the port is taken', async () => {
    const { server } = fakeServer({ code: 'EADDRINUSE' });
    const e: unknown = await listen(server, target).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'port-in-use', retriable: false });
    expect((e as AppError).message).toBe('PROCESSOR_HTTP_PORT 9400 is in use on 127.0.0.1');
    expect((e as AppError).hint).toMatch(/PROCESSOR_HTTP_PORT/);
  });

  it('passes other errors through unchanged', async () => {
    const { server } = fakeServer({ code: 'EADDRNOTAVAIL' });
    await expect(listen(server, target)).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
  });

  it('resolves with the bound address and leaves no error listener behind', async () => {
    const { server, listeners } = fakeServer({ port: 40123 });
    await expect(listen(server, { ...target, port: 0 })).resolves.toMatchObject({ port: 40123 });
    expect(listeners()).toBe(0);
  });
});
