/**
 * A TCP port free on 127.0.0.1 right now, for a process a test or bench starts: never a default port
 * (4000, 9400) that a user's `npm start` may hold. The OS picks it; the short window until the child
 * binds it is acceptable, and a clash then is a clear error naming the variable.
 */
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
