/** A TCP proxy a test can cut and restore: a service outage without stopping the shared service. */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Refuses new connections and drops the open ones. */
  cut(): Promise<void>;
  /**
   * Keeps every connection open but forwards nothing, either way: a server that accepts and never
   * answers (what a wedged store looks like to its clients). `flow()` ends it.
   */
  stall(): void;
  flow(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  let port = 0;
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
        if (stalled) for (const s of [client, upstream]) s.pause();
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as net.AddressInfo).port;
        server = srv;
        resolve();
      });
    });
  const cut = async () => {
    const srv = server;
    server = null;
    for (const s of sockets) s.destroy();
    if (srv) await new Promise<void>((r) => srv.close(() => r()));
  };
  const stall = () => {
    stalled = true;
    for (const s of sockets) s.pause();
  };
  const flow = () => {
    stalled = false;
    for (const s of sockets) s.resume();
  };
  await listen();
  return { port, cut, restore: listen, close: cut, stall, flow };
}
