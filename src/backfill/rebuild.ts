/**
 * Rebuild the whole view from the topics into a new generation (a fresh database, a fresh consumer
 * group), verify it against the sources, then switch the generation pointer to it: the API and the
 * processors follow within a second (store/generation-follower.ts), so queries never stop. The old
 * generation stays as `previous` for `rollback`, which catches it up from the offsets of the switch
 * and switches back the same way.
 *
 * Why a switch loses nothing: after the pointer moves, the job's pipeline keeps consuming for a grace
 * period (longer than the follower's poll plus a batch), then until it has committed at least as far
 * as the live group has. Every event before that point is in the new generation through the job's
 * group, every event after it through the live processors, which by then write the new generation.
 * Events both applied are absorbed by the position guards, as any redelivery is.
 */
import type { Db } from 'mongodb';
import type { Endpoints, ProcessorConfig } from '../config';
import type { CodeMaps } from '../domain/code-maps';
import type { Admin } from '../kafka/kafka-client';
import { createConfiguredPipeline } from '../processors/configured-pipeline';
import type { DriftReport } from '../reconcile/compare-view';
import { AppError } from '../shared/errors';
import type { Log } from '../shared/logger';
import {
  clearJob,
  generationDbName,
  readGeneration,
  readJob,
  recordJob,
  revFloor,
  switchGeneration,
  type Generation,
  type GenerationJob,
  type TopicOffsets,
} from '../store/view-generations';
import { committedOffsets, endOffsets, seedOffsets } from './group-offsets';
import { consumedBetween, lag, reached } from './offsets';
import { createRateGate } from './rate-gate';

export type JobPhase = 'catch-up' | 'verify' | 'switch' | 'tail' | 'done';

export interface JobProgress {
  phase: JobPhase;
  /** Messages the job's group is behind the topics' ends. */
  lag?: number;
  /** Messages per second over the last interval. */
  rate?: number;
  /** Seconds until caught up at that rate. */
  etaS?: number;
  note?: string;
}

export interface GenerationJobDeps {
  /** The configured MONGO_DB: holds the pointer. */
  base: Db;
  config: ProcessorConfig;
  endpoints: Pick<Endpoints, 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL'>;
  codeMaps: CodeMaps;
  /** Connected. */
  admin: Admin;
  /** Compares a database with the sources (reconcile); absent: switch unverified. */
  verify?: (db: Db) => Promise<DriftReport>;
  progress: (p: JobProgress) => void;
  /** The job pipeline's own log lines. */
  log: Log;
  sleep?: (ms: number) => Promise<void>;
}

export interface GenerationJobOptions {
  /** Give up (the job stays resumable) when not caught up within this. */
  timeoutMs: number;
  /** Keep consuming after the switch at least this long. Default 10 s. */
  graceMs?: number;
  /** Events per second at most; default unlimited. */
  maxRate?: number;
  /** Build and verify, switch nothing (the job stays, a later run switches). */
  noSwitch?: boolean;
  /** Throw away a job in progress (its database is dropped) and start a new one. */
  restart?: boolean;
  pollMs?: number;
}

export interface GenerationJobResult {
  job: GenerationJob;
  resumed: boolean;
  switched: boolean;
  generation: Generation;
  /** The last comparison with the sources (null when not verified). */
  drift: DriftReport | null;
  /** Drift that persisted over passes: not switched. */
  persistentDrift: boolean;
  seconds: number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function topicsOf(config: ProcessorConfig): string[] {
  return [config.CRM_TOPIC, config.BILLING_TOPIC, config.OMS_TOPIC];
}

/** A job of this kind in progress, or a new one from the live generation `live`. */
async function jobFor(
  deps: GenerationJobDeps,
  kind: GenerationJob['kind'],
  live: Generation,
  restart: boolean,
): Promise<{ job: GenerationJob; resumed: boolean }> {
  const { base, config } = deps;
  const existing = await readJob(base);
  if (existing && !restart) {
    if (existing.kind !== kind)
      throw new AppError('rebuild-failed', `a ${existing.kind} is in progress (into ${existing.db})`, {
        hint: `run \`customer-view backfill ${existing.kind}\` to finish it, or add --restart to discard it`,
      });
    if (existing.fromSeq !== live.seq)
      throw new AppError(
        'rebuild-conflict',
        `the ${existing.kind} into ${existing.db} started from generation seq ${existing.fromSeq}; the view has switched since (seq ${live.seq})`,
        { hint: 'add --restart to discard it and start again' },
      );
    return { job: existing, resumed: true };
  }
  if (existing) await discardJob(deps, existing, live);
  const seq = live.seq + 1;
  const tag = kind === 'rebuild' ? `rebuild-g${seq}` : `rollback-s${seq}`;
  let db: string;
  if (kind === 'rebuild') {
    db = generationDbName(base.databaseName, seq);
    const names = await base.client.db(db).listCollections({}, { nameOnly: true }).toArray();
    if (names.length > 0)
      throw new AppError('rebuild-failed', `database ${db} exists already: a rebuild writes a new one`, {
        hint: `drop it (it is not live: the view is in ${live.db}) and run again`,
      });
  } else {
    if (!live.previous)
      throw new AppError('rebuild-failed', 'no previous generation to roll back to', {
        hint: 'a rollback follows a rebuild that switched the view',
      });
    db = live.previous;
  }
  const job: GenerationJob = {
    kind,
    db,
    seq,
    fromSeq: live.seq,
    group: `${config.PROCESSOR_GROUP_ID}.${tag}`,
    stateTopic: `${config.STATE_TOPIC}.${tag}`,
    startedAt: new Date(),
  };
  if (kind === 'rollback') {
    // The previous generation holds everything up to the switch: replay from there, not from zero.
    await deps.admin.deleteGroups([job.group]).catch(() => undefined);
    await seedOffsets(deps.admin, job.group, live.switchOffsets);
  }
  await recordJob(base, job);
  return { job, resumed: false };
}

async function discardJob(deps: GenerationJobDeps, job: GenerationJob, live: Generation): Promise<void> {
  if (job.kind === 'rebuild' && job.db !== live.db && job.db !== live.previous)
    await deps.base.client.db(job.db).dropDatabase();
  await deps.admin.deleteGroups([job.group]).catch(() => undefined);
  await clearJob(deps.base);
}

/** Runs a rebuild or a rollback to its switch (or to verified, with noSwitch). */
export async function runGenerationJob(
  deps: GenerationJobDeps,
  kind: GenerationJob['kind'],
  options: GenerationJobOptions,
): Promise<GenerationJobResult> {
  const started = Date.now();
  const sleep = deps.sleep ?? sleeper;
  const { base, config, admin } = deps;
  const live = await readGeneration(base);
  const { job, resumed } = await jobFor(deps, kind, live, options.restart ?? false);
  const topics = topicsOf(config);
  const target = base.client.db(job.db);
  const { pipeline } = createConfiguredPipeline({
    config: { ...config, PROCESSOR_GROUP_ID: job.group, STATE_TOPIC: job.stateTopic },
    endpoints: deps.endpoints,
    db: base,
    codeMaps: deps.codeMaps,
    log: deps.log,
    target: { db: target, revFloor: revFloor(job.seq) },
    ...(options.maxRate && { throttle: createRateGate(options.maxRate) }),
  });

  /** Waits until the job's group has committed as far as `goal()` says, reporting progress. */
  async function catchUp(phase: JobPhase, goal: () => Promise<TopicOffsets[]>): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    let last: { at: number; offsets: TopicOffsets[] } | null = null;
    for (;;) {
      const [mine, ends, want] = await Promise.all([
        committedOffsets(admin, job.group, topics),
        endOffsets(admin, topics),
        goal(),
      ]);
      const behind = lag(mine, ends);
      const now = Date.now();
      const rate = last
        ? consumedBetween(last.offsets, mine) / Math.max((now - last.at) / 1000, 0.001)
        : undefined;
      last = { at: now, offsets: mine };
      deps.progress({
        phase,
        lag: behind,
        ...(rate !== undefined && { rate, ...(rate > 0 && { etaS: behind / rate }) }),
      });
      if (reached(mine, want)) return;
      if (now > deadline)
        throw new AppError(
          'rebuild-failed',
          `${kind} not caught up within ${options.timeoutMs / 1000}s (${behind} messages behind)`,
          { retriable: true, hint: `run the same command again: it resumes from ${job.group}'s offsets` },
        );
      await sleep(options.pollMs ?? 2000);
    }
  }

  /** Where the live processors are; the topics' ends when they never committed (not running yet). */
  async function liveOrEnds(): Promise<TopicOffsets[]> {
    const liveAt = await committedOffsets(admin, config.PROCESSOR_GROUP_ID, topics);
    const any = liveAt.some((t) => t.partitions.some((p) => BigInt(p.offset) >= 0n));
    return any ? liveAt : endOffsets(admin, topics);
  }

  let drift: DriftReport | null = null;
  let generation = live;
  let switched = false;
  let persistentDrift = false;
  const done = (): GenerationJobResult => ({
    job,
    resumed,
    switched,
    generation,
    drift,
    persistentDrift,
    seconds: (Date.now() - started) / 1000,
  });
  await pipeline.start();
  try {
    await catchUp('catch-up', liveOrEnds);
    const verify = deps.verify;
    if (verify) {
      deps.progress({ phase: 'verify', note: `comparing ${job.db} with the sources` });
      const verdict = await verifyStable(() => verify(target));
      drift = verdict.report;
      // Not switched: the live view is unchanged and the job stays, to resume after a fix.
      persistentDrift = verdict.persistent.length > 0;
      if (persistentDrift) return done();
    }
    if (!options.noSwitch) {
      deps.progress({ phase: 'switch', note: `pointing the view at ${job.db}` });
      const now = await readGeneration(base);
      if (now.seq !== job.fromSeq)
        throw new AppError('rebuild-conflict', `the view switched to ${now.db} meanwhile`, {
          hint: 'add --restart to start again',
        });
      const next: Generation = {
        db: job.db,
        seq: job.seq,
        previous: now.db,
        switchedAt: new Date(),
        switchOffsets: await committedOffsets(admin, config.PROCESSOR_GROUP_ID, topics),
      };
      if (!(await switchGeneration(base, next, now.seq)))
        throw new AppError('rebuild-conflict', 'another switch won the race', { hint: 'add --restart' });
      generation = next;
      switched = true;
      deps.progress({ phase: 'tail', note: 'consuming until the live processors write the new generation' });
      await sleep(options.graceMs ?? 10_000);
      const goal = await liveOrEnds();
      await catchUp('tail', async () => goal);
    }
  } finally {
    await pipeline.stop();
  }
  if (switched) {
    await clearJob(base);
    await admin.deleteGroups([job.group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [job.stateTopic] }).catch(() => undefined);
  }
  deps.progress({ phase: 'done' });
  return done();
}

/**
 * The sources keep changing while a comparison reads them: a customer changed in between drifts
 * for one pass. Drift that is real persists; so up to three passes, done when one is clean or two
 * in a row share no drifted customer. Returns the last report and the customers that persisted.
 */
async function verifyStable(
  pass: () => Promise<DriftReport>,
): Promise<{ report: DriftReport; persistent: string[] }> {
  let previous: Set<string> | null = null;
  let report: DriftReport | null = null;
  for (let i = 0; i < 3; i++) {
    report = await pass();
    if (report.drifted.length === 0) return { report, persistent: [] };
    const seen = previous;
    const persistent = seen ? report.drifted.filter((id) => seen.has(id)) : report.drifted;
    if (seen && persistent.length === 0) return { report, persistent };
    previous = new Set(report.drifted);
  }
  const last = report as DriftReport;
  return { report: last, persistent: last.drifted.filter((id) => previous?.has(id)) };
}
