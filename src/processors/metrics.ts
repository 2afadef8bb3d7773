/** Prometheus metrics of the processors (prom-client, a registry per pipeline so tests stay apart). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchOutcome } from './process-batch';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'csv_' });
  const events = new Counter({
    name: 'csv_events_total',
    help: 'Change events consumed, by source system, topic, Debezium op (c u d r t; none for tombstones and undecodable messages) and outcome (applied, stale, tombstone, dead_letter).',
    labelNames: ['system', 'topic', 'op', 'outcome'],
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'csv_dead_letters_total',
    help: 'Messages set aside on the dead-letter topic, by reason (unknown-code included).',
    labelNames: ['topic', 'reason'],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'csv_batch_duration_seconds',
    help: 'Time to decode, map, write, rebuild, publish and commit one batch (all the partitions of a fetch), observed for each topic in it.',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const endToEndLag = new Gauge({
    name: 'csv_end_to_end_lag_seconds',
    help: 'Now minus the source commit time of the newest change written, per topic.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const consumerLag = new Gauge({
    name: 'csv_consumer_lag_messages',
    help: 'Messages behind the partition high watermark after the last batch.',
    labelNames: ['topic', 'partition'],
    registers: [registry],
  });

  const conflicts = new Counter({
    name: 'csv_customer_rebuild_conflicts_total',
    help: 'Customer rebuilds redone because another writer changed the customer in between.',
    registers: [registry],
  });
  const stateEvents = new Counter({
    name: 'csv_state_events_published_total',
    help: 'Status changes published to the customer-state topic.',
    registers: [registry],
  });

  return {
    registry,
    recordPublished(n: number): void {
      stateEvents.inc(n);
    },
    recordBatch(
      outcome: BatchOutcome,
      partitions: { system: string; topic: string; partition: number; offsetLag: string }[],
      seconds: number,
    ): void {
      const systemOf = new Map(partitions.map((p) => [p.topic, p.system]));
      for (const c of outcome.counts.values())
        events.inc(
          { system: systemOf.get(c.topic) ?? 'unknown', topic: c.topic, op: c.op, outcome: c.outcome },
          c.count,
        );
      for (const d of outcome.deadLetters) deadLetters.inc({ topic: d.message.topic, reason: d.reason });
      conflicts.inc(outcome.conflicts);
      for (const topic of systemOf.keys()) batchSeconds.observe({ topic }, seconds);
      for (const [topic, ms] of outcome.newestSourceTsMs)
        endToEndLag.set({ topic }, (Date.now() - ms) / 1000);
      for (const p of partitions)
        consumerLag.set({ topic: p.topic, partition: String(p.partition) }, Number(p.offsetLag));
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
