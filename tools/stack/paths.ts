import path from 'node:path';

/** Layout of the stack folder. Downloads and builds survive `down --purge`; data, logs and state do not. */
export function stackPaths(root: string) {
  return {
    root,
    downloads: path.join(root, 'downloads'),
    lib: path.join(root, 'lib'),
    plugins: path.join(root, 'plugins'),
    apps: path.join(root, 'apps'),
    bin: path.join(root, 'bin'),
    data: path.join(root, 'data'),
    logs: path.join(root, 'logs'),
    run: path.join(root, 'run'),
    conf: path.join(root, 'conf'),
    state: path.join(root, 'state'),
    endpointsFile: path.join(root, 'endpoints.env'),
    pidFile: (service: string) => path.join(root, 'run', `${service}.pid`),
    logFile: (service: string) => path.join(root, 'logs', `${service}.log`),
    dataDir: (service: string) => path.join(root, 'data', service),
  };
}
export type StackPaths = ReturnType<typeof stackPaths>;
