import { parseArgs } from 'node:util';
import { loadStackConfig } from '../../src/config';
import { runMain } from '../../src/shared/run-main';
import { createStackContext } from './context';
import { StackError } from './errors';
import { SERVICES } from './services';
import { stackDown, stackLogs, stackStatus, stackUp, startService, stopService } from './stack';

const HELP = `Usage: npm run stack:<command> [-- options]

The local stack: PostgreSQL 15, MariaDB 10.11, Kafka (KRaft), Kafka Connect with Debezium,
Apicurio schema registry and FerretDB, on 127.0.0.1, without Docker. Files live in .stack/.

Commands:
  up                 provision (first time only) and start every service, load the demo data,
                     register the connectors, write .stack/endpoints.env. Safe to repeat.
  status             each service with pid, ports and health
  logs <service>     last lines of a service log  [--lines N] [--follow]
  down               stop the services the stack started  [--purge: also wipe data and logs]
  stop <service>     stop one service, leave the others running
  start <service>    start one stopped service (after stack:up provisioned it) and wait until ready
  restart <service>  stop, then start one service

Services: ${SERVICES.map((s) => s.name).join(', ')}
Ports and options are environment variables; see the README's table.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      purge: { type: 'boolean', default: false },
      follow: { type: 'boolean', short: 'f', default: false },
      lines: { type: 'string', short: 'n', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  const ctx = createStackContext(loadStackConfig());
  switch (command) {
    case 'up': {
      const started = Date.now();
      const endpoints = await stackUp(ctx);
      process.stdout.write(
        `\nstack is up (${((Date.now() - started) / 1000).toFixed(1)}s). Endpoints, also in ${ctx.paths.endpointsFile}:\n`,
      );
      for (const [k, v] of Object.entries(endpoints)) process.stdout.write(`  ${k}=${v}\n`);
      return 0;
    }
    case 'status': {
      const rows = await stackStatus(ctx);
      const line = (c: string[]) =>
        `${c[0]!.padEnd(10)}${c[1]!.padEnd(10)}${c[2]!.padEnd(9)}${c[3]!.padEnd(14)}${c[4]}`;
      process.stdout.write(`${line(['SERVICE', 'STATE', 'PID', 'PORTS', 'HEALTH'])}\n`);
      for (const r of rows) {
        process.stdout.write(
          `${line([r.name, r.state, r.pid ? String(r.pid) : '-', r.ports.join(','), r.healthy ? 'ready' : 'down'])}\n`,
        );
      }
      return rows.every((r) => r.healthy) ? 0 : 1;
    }
    case 'logs': {
      const service = rest[0];
      if (!service)
        throw new StackError(
          'which service?',
          `npm run stack:logs -- <${SERVICES.map((s) => s.name).join('|')}>`,
        );
      await stackLogs(ctx, service, { lines: Number(values.lines), follow: values.follow });
      return 0;
    }
    case 'stop':
    case 'start':
    case 'restart': {
      const service = rest[0];
      if (!service)
        throw new StackError(
          'which service?',
          `npm run stack -- ${command} <${SERVICES.map((s) => s.name).join('|')}>`,
        );
      if (command !== 'start' && (await stopService(ctx, service)) === 'not running')
        ctx.reporter.step(service, 'not running');
      if (command !== 'stop') await startService(ctx, service);
      return 0;
    }
    case 'down':
      await stackDown(ctx, { purge: values.purge });
      return 0;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${HELP}\n`);
      return 2;
  }
}

runMain(() => main(process.argv.slice(2)));
