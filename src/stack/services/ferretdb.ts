import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { ServiceDef, StackContext } from '../service';

export function mongoUrl(ctx: StackContext): string {
  return `mongodb://127.0.0.1:${ctx.config.STACK_MONGO_PORT}/`;
}

export const ferretdb: ServiceDef = {
  name: 'ferretdb',
  provides: ['MONGO_URL'],
  ports: (ctx) => [{ port: ctx.config.STACK_MONGO_PORT, variable: 'STACK_MONGO_PORT' }],
  async prepare(ctx) {
    fs.mkdirSync(ctx.paths.dataDir('ferretdb'), { recursive: true });
  },
  daemon: (ctx) => ({
    command: path.join(ctx.paths.bin, 'ferretdb', 'ferretdb'),
    args: [
      `--listen-addr=127.0.0.1:${ctx.config.STACK_MONGO_PORT}`,
      '--handler=sqlite',
      `--sqlite-url=file:${ctx.paths.dataDir('ferretdb')}/`,
    ],
  }),
  async ready(ctx) {
    const client = new MongoClient(mongoUrl(ctx), { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
    try {
      await client.connect();
      const res = await client.db('admin').command({ ping: 1 });
      return res.ok === 1;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
