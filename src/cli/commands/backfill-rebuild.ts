/**
 * `customer-view backfill rebuild | rollback | generations | drop-previous`: the whole view rebuilt
 * from the topics into a new generation and switched to without API downtime, and back.
 */
import { parseArgs } from 'node:util';
import { runGenerationJob, type GenerationJobResult, type JobProgress } from '../../backfill/rebuild';
import { loadEndpointsOrLocalStack, loadProcessorConfig, loadTogether } from '../../config';
import { createAdmin } from '../../kafka/kafka-client';
import { loadCodeMaps } from '../../processors/processor-service';
import { reconcile } from '../../reconcile/reconcile';
import { AppError } from '../../shared/errors';
import { createMongoClient } from '../../store/mongo-client';
import { readGeneration, readJob, switchGeneration } from '../../store/view-generations';
import type { Db } from 'mongodb';
import type { ProcessorConfig } from '../../config';
import { EXIT, type CliIo, type ExitCode } from '../command';
import { reportError } from '../report-error';

export const REBUILD_HELP = `Usage: customer-view backfill rebuild [options]
       customer-view backfill rollback [options]
       customer-view backfill generations [--json]
       customer-view backfill drop-previous --yes

rebuild        replays the source topics from their beginning into a NEW database (a generation of
               the view: <MONGO_DB>_g<n>) with a fresh consumer group, until it is as far as the live
               processors; compares it with the legacy sources (as reconcile does); then points the
               view at it. The API and the processors follow the pointer within a second: queries
               never stop, nothing is lost (see docs/design.md). The old generation is kept.
rollback       points the view back at the previous generation, first catching it up from the
               offsets of the switch (it missed the changes made since), verified the same way.
generations    the live generation, the previous one, and a job in progress.
drop-previous  drops the previous generation's database (no rollback after that).

A rebuild or rollback that stops (Ctrl-C, a failure, drift, --no-switch) resumes where it was when
run again; --restart discards it. Status events of the replay go to a topic of its own
(<STATE_TOPIC>.rebuild-g<n>, deleted after the switch): subscribers see no history replayed.

Options of rebuild and rollback:
  --yes              required: they switch the live view (without it: what would happen)
  --no-verify        switch without comparing with the sources (they need CRM_MARIADB_URL, ...)
  --no-switch        build (and verify) only; run again without it to switch
  --restart          discard a job in progress and start a new one
  --max-rate <n>     events per second at most (default: as fast as the store takes them)
  --timeout <s>      give up catching up after this long (default 3600; resumable)
  --grace <s>        keep consuming after the switch at least this long (default 10)
  --json             the result as JSON on stdout

Environment: MONGO_URL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, the processors' settings (MONGO_DB,
PROCESSOR_GROUP_ID, the topics, CODE_MAPS_FILE), and for verification CRM_MARIADB_URL, BILLING_PG_URL,
OMS_PG_URL. An endpoint not set is taken from the local stack's .stack/endpoints.env when that exists.
Exit codes: 0 switched (or built, with --no-switch), 2 drift found (not switched), 1 failed.

Examples:
  customer-view backfill rebuild --yes
  customer-view backfill rebuild --yes --max-rate 500 --no-switch   # build at night, switch later
  customer-view backfill rollback --yes
  customer-view backfill generations --json`;

function seconds(io: CliIo, flag: string, text: string): number | null {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    io.stderr(`${flag} must be a positive number (got "${text}")\n`);
    return null;
  }
  return n;
}

function progressPrinter(io: CliIo) {
  let lastPrinted = 0;
  return (p: JobProgress) => {
    if (p.note) return io.stderr(`  ${p.phase}: ${p.note}\n`);
    if (p.lag === undefined || Date.now() - lastPrinted < 5000) return;
    lastPrinted = Date.now();
    const rate = p.rate !== undefined ? `, ${Math.round(p.rate)} msg/s` : '';
    const eta = p.etaS !== undefined ? `, ETA ${Math.ceil(p.etaS)}s` : '';
    io.stderr(`  ${p.phase}: ${p.lag} messages behind${rate}${eta}\n`);
  };
}

async function runJob(kind: 'rebuild' | 'rollback', argv: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      yes: { type: 'boolean', default: false },
      'no-verify': { type: 'boolean', default: false },
      'no-switch': { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      'max-rate': { type: 'string' },
      timeout: { type: 'string', default: '3600' },
      grace: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
    },
  });
  const timeout = seconds(io, '--timeout', values.timeout);
  const grace = seconds(io, '--grace', values.grace);
  const maxRate =
    values['max-rate'] === undefined ? undefined : seconds(io, '--max-rate', values['max-rate']);
  if (timeout === null || grace === null || maxRate === null) return EXIT.error;
  const verify = !values['no-verify'];
  const [config, endpoints] = loadTogether(
    () => loadProcessorConfig(),
    () =>
      loadEndpointsOrLocalStack([
        'MONGO_URL',
        'KAFKA_BROKERS',
        'SCHEMA_REGISTRY_URL',
        ...(verify ? (['CRM_MARIADB_URL', 'BILLING_PG_URL', 'OMS_PG_URL'] as const) : []),
      ]),
  );
  const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
  const admin = createAdmin({ brokers: endpoints.KAFKA_BROKERS, clientId: `csv-${kind}` });
  try {
    await mongo.connect();
    const base = mongo.db(config.MONGO_DB);
    if (!values.yes) {
      const [live, job] = await Promise.all([readGeneration(base), readJob(base)]);
      io.stdout(
        `would ${job ? `resume the ${job.kind} into ${job.db}` : kind === 'rebuild' ? `rebuild the view into a new generation (seq ${live.seq + 1})` : `roll back to ${live.previous ?? '(no previous generation)'}`}` +
          `${values['no-switch'] ? ', not switching' : `, then switch the view from ${live.db}`}. Add --yes to do it.\n`,
      );
      return EXIT.ok;
    }
    await admin.connect();
    const codeMaps = loadCodeMaps(config.CODE_MAPS_FILE);
    const sources = verify
      ? {
          crm: endpoints.CRM_MARIADB_URL as string,
          billing: endpoints.BILLING_PG_URL as string,
          oms: endpoints.OMS_PG_URL as string,
        }
      : null;
    const result = await runGenerationJob(
      {
        base,
        config,
        endpoints,
        codeMaps,
        admin,
        ...(sources && { verify: (db) => reconcile({ db, sources, codeMaps }, { samples: 5 }) }),
        progress: values.json ? () => undefined : progressPrinter(io),
        log: () => undefined,
      },
      kind,
      {
        timeoutMs: timeout * 1000,
        graceMs: grace * 1000,
        ...(maxRate !== undefined && { maxRate }),
        noSwitch: values['no-switch'],
        restart: values.restart,
      },
    );
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : describe(kind, result));
    return result.persistentDrift ? EXIT.differences : EXIT.ok;
  } finally {
    await admin.disconnect().catch(() => undefined);
    await mongo.close().catch(() => undefined);
  }
}

function describe(kind: string, r: GenerationJobResult): string {
  const drift = r.drift
    ? `verified against the sources: ${r.drift.sourceCustomers} customers, ${r.drift.drifted.length} drifted` +
      (r.drift.drifted.length > 0 ? ` (${r.drift.drifted.slice(0, 10).join(', ')})` : '')
    : 'not verified (--no-verify)';
  const what = r.switched
    ? `switched: the view is ${r.generation.db} (seq ${r.generation.seq}); previous ${r.generation.previous} kept for rollback`
    : r.persistentDrift
      ? `NOT switched: drift persisted; the live view is unchanged (${r.generation.db}); fix the cause and run again to resume`
      : `built, not switched (--no-switch): run again without it to switch`;
  return `${kind}${r.resumed ? ' (resumed)' : ''} into ${r.job.db}: ${drift}\n${what}\n${r.seconds.toFixed(1)}s\n`;
}

/** Runs `fn` with the configured MONGO_DB (the pointer's home) of a connected client. */
async function withBase<T>(fn: (base: Db, config: ProcessorConfig) => Promise<T>): Promise<T> {
  const config = loadProcessorConfig();
  const endpoints = loadEndpointsOrLocalStack(['MONGO_URL']);
  const mongo = createMongoClient(endpoints.MONGO_URL, config.MONGO_TIMEOUT_MS);
  try {
    await mongo.connect();
    return await fn(mongo.db(config.MONGO_DB), config);
  } finally {
    await mongo.close().catch(() => undefined);
  }
}

async function generations(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { json: { type: 'boolean', default: false } },
  });
  return withBase(async (base) => {
    const [live, job] = await Promise.all([readGeneration(base), readJob(base)]);
    if (values.json) io.stdout(`${JSON.stringify({ live, job }, null, 2)}\n`);
    else
      io.stdout(
        `live:     ${live.db} (seq ${live.seq}${live.switchedAt ? `, since ${live.switchedAt.toISOString()}` : ''})\n` +
          `previous: ${live.previous ?? '-'}\n` +
          `job:      ${job ? `${job.kind} into ${job.db} (group ${job.group}, started ${job.startedAt.toISOString()})` : '-'}\n`,
      );
    return EXIT.ok;
  });
}

async function dropPrevious(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { yes: { type: 'boolean', default: false } },
  });
  return withBase(async (base, config) => {
    const live = await readGeneration(base);
    if (!live.previous) {
      io.stdout('no previous generation\n');
      return EXIT.ok;
    }
    if (!values.yes) {
      io.stdout(`would drop ${live.previous} (no rollback after that). Add --yes to do it.\n`);
      return EXIT.ok;
    }
    if (live.previous === config.MONGO_DB)
      throw new AppError(
        'rebuild-failed',
        `the previous generation is ${config.MONGO_DB}, which holds the pointer`,
        {
          hint: 'its view collections can be dropped by hand; the database itself must stay',
        },
      );
    if (!(await switchGeneration(base, { ...live, previous: null }, live.seq)))
      throw new AppError('rebuild-conflict', 'the view switched meanwhile', { hint: 'run it again' });
    await base.client.db(live.previous).dropDatabase();
    io.stdout(`dropped ${live.previous}\n`);
    return EXIT.ok;
  });
}

/** The generation subcommands of `backfill`; null when `sub` is none of them. */
export async function runGenerationCommand(sub: string, argv: string[], io: CliIo): Promise<ExitCode | null> {
  const run =
    sub === 'rebuild' || sub === 'rollback'
      ? () => runJob(sub, argv, io)
      : sub === 'generations'
        ? () => generations(argv, io)
        : sub === 'drop-previous'
          ? () => dropPrevious(argv, io)
          : null;
  if (!run) return null;
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${REBUILD_HELP}\n`);
    return EXIT.ok;
  }
  try {
    return await run();
  } catch (e) {
    return reportError(io, e);
  }
}
