/** Sends blocking-snapshot signals to connectors (snapshot-signal.ts) over Kafka. */
import type { ConnectClient } from '../connect/connect-client';
import type { createProducer } from '../kafka/kafka-client';
import { AppError } from '../shared/errors';
import { snapshotSignal, type LegacySystem, type SnapshotSignal } from './snapshot-signal';

export interface SnapshotRequest {
  system: LegacySystem;
  /** The connector capturing the system's table (default: the system's name, as in connectors/). */
  connector?: string;
  /** SQL condition on the table's columns; absent: the whole table. */
  where?: string;
}

/** Builds each request's signal from the live connector config; sends them unless `dryRun`. */
export async function requestSnapshots(
  requests: readonly SnapshotRequest[],
  {
    connect,
    producer,
    dryRun = false,
  }: { connect: ConnectClient; producer: ReturnType<typeof createProducer>; dryRun?: boolean },
): Promise<SnapshotSignal[]> {
  const signals: SnapshotSignal[] = [];
  for (const r of requests) {
    const name = r.connector ?? r.system;
    const config = await connect.getConfig(name);
    if (!config)
      throw new AppError('snapshot-unsupported', `no connector named ${name} on Kafka Connect`, {
        hint: 'customer-view connectors status lists them; --connector names another',
      });
    signals.push(snapshotSignal(r.system, name, config, r.where));
  }
  if (!dryRun)
    for (const s of signals)
      await producer.send({ topic: s.topic, messages: [{ key: s.key, value: JSON.stringify(s.value) }] });
  return signals;
}
