/**
 * A steady load of `rate` changes per second on the three legacy copies, paced by the clock, each
 * change its own autocommit statement. Every `sampleEvery`-th change renames a CRM customer to a
 * unique marker: the freshness probe waits for that marker in the API.
 */
import { nextChange, renameCustomer, STEADY_MIX, type Statement } from './changes';
import type { WorkloadModel } from './model';
import type { Rng } from './random';
import { count, emptyCounts, type ChangeCounts, type SourceWriter } from './writer';

export interface SteadyOptions {
  /** Changes per second. */
  rate: number;
  seconds: number;
  /** One marker change in this many. */
  sampleEvery: number;
  /** Prefix of the marker names; the sequence number follows it. */
  marker: string;
  /** Statements in flight at most (the pools hold 4 connections per system). */
  maxInFlight?: number;
}

export interface Sample {
  custId: number;
  /** Marker sequence number: a later marker on the same customer implies this one was applied. */
  seq: number;
  name: string;
  /** When the statement (its COMMIT) returned, ms since the epoch. */
  committedAt: number;
}

export interface SteadyResult {
  counts: ChangeCounts;
  /** First statement sent to last COMMIT returned. */
  seconds: number;
  achievedRate: number;
  errors: number;
  samples: number;
}

export function markerName(marker: string, seq: number): string {
  return `${marker} #${seq}`;
}

/** The sequence number of a marker name of this prefix, or undefined for any other name. */
export function markerSeq(marker: string, name: string | null | undefined): number | undefined {
  if (!name?.startsWith(`${marker} #`)) return undefined;
  const n = Number(name.slice(marker.length + 2));
  return Number.isInteger(n) ? n : undefined;
}

export async function runSteadyLoad(
  writer: SourceWriter,
  model: WorkloadModel,
  rng: Rng,
  o: SteadyOptions,
  onSample: (s: Sample) => void,
): Promise<SteadyResult> {
  const total = Math.round(o.rate * o.seconds);
  const counts = emptyCounts();
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let samples = 0;
  let lastCommit = 0;
  // Markers go to customers that existed before the load: a new one may not be committed yet.
  const settledBelow = model.next.custId;
  const pickSettled = () => {
    for (let t = 0; t < 10; t++) {
      const hit = model.customers.random(rng);
      if (hit && hit[0] < settledBelow) return hit;
    }
    return undefined;
  };
  const start = Date.now();
  let issued = 0; // changes sent so far: the pace is in changes, and a new customer is two
  for (let i = 0; issued < total; i++) {
    const due = start + (issued * 1000) / o.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // pacing to the schedule, not a guess
    while (inFlight.size >= (o.maxInFlight ?? 16)) await Promise.race(inFlight);
    let statements: Statement[];
    let sample: Omit<Sample, 'committedAt'> | undefined;
    const target = i % o.sampleEvery === 0 ? pickSettled() : undefined;
    if (target) {
      const seq = ++samples;
      sample = { custId: target[0], seq, name: markerName(o.marker, seq) };
      statements = [renameCustomer(model, target[0], sample.name)];
    } else statements = nextChange(model, rng, STEADY_MIX);
    issued += statements.reduce((n, st) => n + st.rows, 0);
    const p: Promise<void> = (async () => {
      try {
        const done: Statement[] = [];
        for (const s of statements) done.push(await writer.exec(s));
        lastCommit = Date.now();
        for (const s of done) count(counts, s);
        if (sample) onSample({ ...sample, committedAt: lastCommit });
      } catch {
        errors += 1;
      }
    })().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const seconds = ((lastCommit || Date.now()) - start) / 1000;
  return { counts, seconds, achievedRate: counts.changes / seconds, errors, samples };
}
