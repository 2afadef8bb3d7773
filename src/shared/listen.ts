/**
 * Binds an HTTP server and turns "address in use" into an error that names the variable to change.
 * A second `npm start`, a test's child process or a sidecar on the same port is the usual cause; Node's
 * bare `EADDRINUSE` does not say which setting moves it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from './errors';

export interface ListenTarget {
  host: string;
  port: number;
  /** The variable that sets `port`, e.g. PROCESSOR_HTTP_PORT: named in the error. */
  variable: string;
}

export function listen(server: Pick<Server, 'once' | 'off' | 'listen' | 'address'>, target: ListenTarget) {
  return new Promise<AddressInfo>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES')
        reject(
          new AppError(
            'port-in-use',
            `${target.variable} ${target.port} is ${e.code === 'EACCES' ? 'not allowed' : 'in use'} on ${target.host}`,
            {
              cause: e,
              hint: `stop what holds it, or set ${target.variable} to a free port (0 picks one)`,
            },
          ),
        );
      else reject(e);
    };
    server.once('error', onError);
    server.listen(target.port, target.host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}
