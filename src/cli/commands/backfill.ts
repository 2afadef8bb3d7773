/**
 * `customer-view backfill`: make the connectors send rows again (an ad-hoc blocking snapshot, the
 * whole table or the rows a condition selects), or rebuild the view from the stored facts (`remap`).
 */
import { parseArgs } from 'node:util';
import { requestSnapshots } from '../../backfill/request-snapshot';
import { LEGACY_TABLES, type LegacySystem } from '../../backfill/snapshot-signal';
import { loadEndpointsOrLocalStack } from '../../config';
import { createConnectClient } from '../../connect/connect-client';
import { createProducer } from '../../kafka/kafka-client';
import { EXIT, type CliCommand } from '../command';
import { runGenerationCommand } from './backfill-rebuild';
import { remapCommand } from './remap';

const HELP = `Usage: customer-view backfill snapshot --system <crm|billing|oms>... [options]
       customer-view backfill remap [--customer ID]...
       customer-view backfill rebuild|rollback|generations|drop-previous (see backfill rebuild --help)

snapshot  asks each system's Debezium connector for an ad-hoc blocking snapshot of its table
          (crm customers, billing accounts, oms orders), sent on the connector's Kafka signal
          topic: the connector pauses streaming, re-reads the rows (all, or those --where selects)
          as snapshot events, and resumes where it was; nothing is lost, and the processors apply
          the rows idempotently (position-guarded). Nothing is written to the legacy databases:
          blocking snapshots need no signaling table there, unlike incremental ones.
remap     rebuilds the view from the facts it stored (see customer-view remap --help).
rebuild   replays the topics into a new generation of the view, verifies it against the sources
          and switches to it without API downtime; rollback switches back (backfill rebuild --help).

Options of snapshot:
  --system <name>     crm, billing or oms (repeatable)
  --where <sql>       a condition on the table's own columns, e.g. "cust_id IN (1001, 1002)"
  --connector <name>  the connector to signal (default: the system's name, as in connectors/)
  --dry-run           print the signals, send nothing
  --json              the signals as JSON

Needs CONNECT_URL and KAFKA_BROKERS (an unset one is taken from the local stack's
.stack/endpoints.env when that exists). The connector must have signal.enabled.channels=kafka,
signal.kafka.topic and topic.prefix (the committed configs in connectors/ do).

Examples:
  customer-view backfill snapshot --system crm --system billing --system oms
  customer-view backfill snapshot --system crm --where "cust_id IN (1001, 1002)" --dry-run
  customer-view backfill snapshot --system oms --where "updated_at > now() - interval '1 day'"`;

export const backfillCommand: CliCommand = {
  name: 'backfill',
  summary: 'snapshot rows again, remap from stored facts, rebuild the view into a new generation and switch',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'remap') return remapCommand.run(rest, io);
    const generation = sub ? await runGenerationCommand(sub, rest, io) : null;
    if (generation !== null) return generation;
    if (sub !== 'snapshot') {
      io.stderr(`${sub ? `unknown subcommand: ${sub}\n\n` : ''}${HELP}\n`);
      return EXIT.error;
    }
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        system: { type: 'string', multiple: true },
        where: { type: 'string' },
        connector: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    const systems = values.system ?? [];
    const unknown = systems.filter((s) => !Object.hasOwn(LEGACY_TABLES, s));
    if (systems.length === 0 || unknown.length > 0) {
      io.stderr(
        `--system must name crm, billing or oms${unknown.length ? ` (got ${unknown.join(', ')})` : ''}\n`,
      );
      return EXIT.error;
    }
    if (values.connector && systems.length > 1) {
      io.stderr('--connector names the connector of one --system\n');
      return EXIT.error;
    }
    const endpoints = loadEndpointsOrLocalStack(['CONNECT_URL', 'KAFKA_BROKERS']);
    const producer = createProducer({ brokers: endpoints.KAFKA_BROKERS, clientId: 'csv-backfill' });
    try {
      if (!values['dry-run']) await producer.connect();
      const signals = await requestSnapshots(
        (systems as LegacySystem[]).map((system) => ({
          system,
          ...(values.connector && { connector: values.connector }),
          ...(values.where && { where: values.where }),
        })),
        {
          connect: createConnectClient({ baseUrl: endpoints.CONNECT_URL }),
          producer,
          dryRun: values['dry-run'],
        },
      );
      if (values.json) io.stdout(`${JSON.stringify(signals, null, 2)}\n`);
      else
        for (const s of signals)
          io.stdout(
            `${values['dry-run'] ? 'would send' : 'sent'} on ${s.topic} (key ${s.key}): blocking snapshot of ` +
              `${s.value.data['data-collections'].join(', ')}` +
              `${s.value.data['additional-conditions'] ? ` where ${values.where}` : ' (whole table)'}\n`,
          );
      return EXIT.ok;
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  },
};
