/**
 * `customer-view reconcile`: compares the legacy sources with the view and reports drift by kind;
 * exit 2 when there is any, so it can run from cron.
 */
import { parseArgs } from 'node:util';
import { loadEndpointsOrLocalStack, loadProcessorConfig, loadTogether } from '../../config';
import { loadCodeMaps } from '../../processors/processor-service';
import { DRIFT_KINDS } from '../../reconcile/compare-view';
import { reconcile, type ReconcileResult } from '../../reconcile/reconcile';
import { liveViewDb } from '../../store/view-generations';
import { createMongoClient } from '../../store/mongo-client';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { formatTable } from '../format-table';
import { requestSnapshots } from '../../backfill/request-snapshot';
import {
  customerRowConditions,
  LEGACY_TABLES,
  type LegacySystem,
  type SnapshotSignal,
} from '../../backfill/snapshot-signal';
import { createConnectClient } from '../../connect/connect-client';
import { createProducer } from '../../kafka/kafka-client';
import { remapCommand } from './remap';

const HELP = `Usage: customer-view reconcile [options]

Reads the three legacy databases (read-only sessions, keyset pages by primary key) and the view,
computes what the view should say of every customer with the processors' own rules and the current
code maps, and reports the differences by kind:
  missing       CRM has the customer, the view does not
  extra         the view has a customer CRM does not
  wrong-status  the status differs
  wrong-links   the billing accounts or orders attached differ
  stale         name, VIP level, open orders or lifetime spend differ (the view is behind)
A view that is still catching up shows drift too: compare when the processors' lag is near zero.

With --repair, the drifted customers are first rebuilt from the facts the view stored (as \`remap
--customer\` does, status changes published): that mends drift of the view itself (a document
written by hand, a rebuild that never ran). For drift that remains, the view never received the
rows: reconcile asks the connectors for a blocking snapshot of just those customers' rows (see
customer-view backfill --help) and compares again until they arrive (the processors must be
running) or --wait runs out.

Options:
  --repair         mend drift: rebuild from stored facts, then snapshot what is still missing
  --wait <s>       with --repair, how long to wait for snapshotted rows (default 120)
  --connector <system>=<name>
                   with --repair, the connector of a system if not named after it (repeatable)
  --samples <n>    customers shown per kind (default 5)
  --page-size <n>  rows per source page (default 5000)
  --json           the report as JSON on stdout (progress stays off)
  -h, --help       this text

Exit codes: 0 no drift (after --repair: none left), 2 drift found, 1 the comparison could not be made.
Environment: MONGO_URL, CRM_MARIADB_URL, BILLING_PG_URL, OMS_PG_URL (read-only users are enough),
MONGO_DB, CODE_MAPS_FILE, MONGO_TIMEOUT_MS (the deadline of each store call and SQL statement);
--repair also KAFKA_BROKERS, SCHEMA_REGISTRY_URL, STATE_TOPIC and CONNECT_URL. An endpoint not set is taken from the
local stack's .stack/endpoints.env when that exists.

Examples:
  customer-view reconcile
  customer-view reconcile --repair
  customer-view reconcile --json --samples 20 > drift.json || echo "drift: see drift.json"`;

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'compare the legacy sources with the view; exit 2 on drift',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        samples: { type: 'string', default: '5' },
        'page-size': { type: 'string', default: '5000' },
        json: { type: 'boolean', default: false },
        repair: { type: 'boolean', default: false },
        wait: { type: 'string', default: '120' },
        connector: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return EXIT.ok;
    }
    const samples = positive(values.samples, '--samples', io);
    const pageSize = positive(values['page-size'], '--page-size', io);
    const waitS = positive(values.wait, '--wait', io);
    const connectors = connectorNames(values.connector ?? [], io);
    if (samples === null || pageSize === null || waitS === null || connectors === null) return EXIT.error;

    const [config, endpoints] = loadTogether(
      () => loadProcessorConfig(),
      () => loadEndpointsOrLocalStack(['MONGO_URL', 'CRM_MARIADB_URL', 'BILLING_PG_URL', 'OMS_PG_URL']),
    );
    const codeMaps = loadCodeMaps(config.CODE_MAPS_FILE);
    const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
    const started = Date.now();
    try {
      await mongo.connect();
      // The live generation (a rebuild may have switched the view to another database).
      const { db: viewDb } = await liveViewDb(mongo.db(config.MONGO_DB));
      // Progress for the first pass only: the passes of --repair are quiet.
      const compare = (quiet = true) =>
        reconcile(
          {
            db: viewDb,
            sources: {
              crm: endpoints.CRM_MARIADB_URL,
              billing: endpoints.BILLING_PG_URL,
              oms: endpoints.OMS_PG_URL,
            },
            codeMaps,
          },
          {
            samples,
            pageSize,
            timeoutMs: config.MONGO_TIMEOUT_MS,
            ...(!values.json && !quiet && { progress: progressPrinter(io, started) }),
          },
        );
      const first = await compare(false);
      if (!values.repair || first.drifted.length === 0) {
        io.stdout(values.json ? `${JSON.stringify(first, null, 2)}\n` : report(first, viewDb.databaseName));
        return first.drifted.length > 0 ? EXIT.differences : EXIT.ok;
      }
      // The remap command's own wiring: the same rebuild, revision checks and status events.
      const rebuilt = await remapCommand.run(
        first.drifted.flatMap((id) => ['--customer', id]),
        values.json ? { stdout: () => undefined, stderr: io.stderr } : io,
      );
      if (rebuilt !== EXIT.ok) return EXIT.error;
      let after = await compare();
      let snapshots: SnapshotSignal[] = [];
      if (after.drifted.length > 0) {
        // What the stored facts cannot mend: have the connectors send those customers' rows again
        // and wait for the processors to apply them.
        const conditions = customerRowConditions(after.drifted, after.driftedEmails);
        const kafka = loadEndpointsOrLocalStack(['CONNECT_URL', 'KAFKA_BROKERS']);
        const producer = createProducer({ brokers: kafka.KAFKA_BROKERS, clientId: 'csv-reconcile' });
        try {
          await producer.connect();
          snapshots = await requestSnapshots(
            (Object.keys(LEGACY_TABLES) as LegacySystem[]).map((system) => ({
              system,
              where: conditions[system],
              ...(connectors[system] && { connector: connectors[system] }),
            })),
            { connect: createConnectClient({ baseUrl: kafka.CONNECT_URL }), producer },
          );
        } finally {
          await producer.disconnect().catch(() => undefined);
        }
        if (!values.json)
          io.stderr(
            `  snapshots of ${after.drifted.length} customers' rows requested; waiting up to ${waitS}s\n`,
          );
        const until = Date.now() + waitS * 1000;
        while (after.drifted.length > 0 && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 2000));
          after = await compare();
        }
      }
      if (values.json) io.stdout(`${JSON.stringify({ before: first, after, snapshots }, null, 2)}\n`);
      else {
        io.stdout(report(first, viewDb.databaseName));
        io.stdout(`\nafter --repair:\n${report(after, viewDb.databaseName)}`);
        if (after.drifted.length > 0)
          io.stdout(
            `not mended within ${waitS}s: are the processors running? ` +
              'customer-view connectors status shows whether the snapshots ran\n',
          );
      }
      return after.drifted.length > 0 ? EXIT.differences : EXIT.ok;
    } finally {
      await mongo.close();
    }
  },
};

/** `--connector system=name` pairs; null (reported) when one is malformed. */
function connectorNames(pairs: string[], io: CliIo): Partial<Record<LegacySystem, string>> | null {
  const out: Partial<Record<LegacySystem, string>> = {};
  for (const pair of pairs) {
    const [system, name] = pair.split('=');
    if (!system || !name || !Object.hasOwn(LEGACY_TABLES, system)) {
      io.stderr(`--connector must be crm=<name>, billing=<name> or oms=<name> (got "${pair}")\n`);
      return null;
    }
    out[system as LegacySystem] = name;
  }
  return out;
}

function positive(text: string, flag: string, io: CliIo): number | null {
  const n = Number(text);
  if (Number.isInteger(n) && n > 0) return n;
  io.stderr(`${flag} must be a positive integer (got "${text}")\n`);
  return null;
}

/** One line per table and page on stderr, with an ETA from the rate so far. */
function progressPrinter(io: CliIo, started: number) {
  return (table: string, read: number, total: number) => {
    const s = (Date.now() - started) / 1000;
    const eta = read > 0 && total > read ? ` eta ${Math.ceil(((total - read) * s) / read)}s` : '';
    io.stderr(`  ${table}: ${read}/${total} rows${eta}\n`);
  };
}

function report(r: ReconcileResult, db: string): string {
  const lines = [
    `reconcile ${db}: ${r.sourceCustomers} customers in CRM, ${r.viewCustomers} in the view, ${r.seconds.toFixed(1)}s`,
    '',
    formatTable(
      ['drift', 'customers'],
      DRIFT_KINDS.map((k) => [k, String(r.counts[k])]),
    ),
  ];
  for (const k of DRIFT_KINDS) {
    if (r.samples[k].length === 0) continue;
    lines.push('', `${k} (first ${r.samples[k].length}):`);
    for (const s of r.samples[k]) {
      const fields = Object.entries(s.fields).map(
        ([f, [view, source]]) => `${f}: view ${JSON.stringify(view)}, sources ${JSON.stringify(source)}`,
      );
      lines.push(`  ${s.custId}  ${fields.join('; ')}`);
    }
  }
  lines.push('', r.drifted.length > 0 ? `drift: ${r.drifted.length} customers` : 'no drift');
  return `${lines.join('\n')}\n`;
}
