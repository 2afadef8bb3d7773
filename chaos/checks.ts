/**
 * The end checks every scenario shares: the whole view equals the SQL oracle over the legacy copies,
 * `customer-state.v1` has every status change (duplicates counted), and the dead letters by reason.
 */
import { diffViews, type ViewDiff } from '../bench/e2e/catch-up';
import { oracleView, type OracleCustomer } from '../harness/legacy/oracle';
import { parseDeadLetter } from '../src/dlq/dead-letter';
import { toStatusChange } from '../src/graphql/subscriptions/status-change';
import { readTopicToEnd } from '../src/kafka/kafka-client';
import { createRegistryClient } from '../src/schema-registry/registry-client';
import { checkStatusEvents, type StatusEvent, type StatusEventsCheck } from './status-events';
import type { World } from './world';

interface ViewDoc {
  _id: string;
  status: { value: string };
  accountNos: string[];
  orderNos: string[];
  openOrders: number;
  lifetimeSpendFen: string;
  pendingEvents?: unknown[];
}

export interface ViewState {
  view: Record<string, OracleCustomer>;
  statuses: Map<string, string>;
  /** Status events written into the view but not yet published (documents' outbox and `outbox`). */
  pending: number;
}

export async function readView(w: World): Promise<ViewState> {
  const docs = await w
    .db()
    .collection<ViewDoc>('customers')
    .find(
      {},
      {
        projection: {
          status: 1,
          accountNos: 1,
          orderNos: 1,
          openOrders: 1,
          lifetimeSpendFen: 1,
          pendingEvents: 1,
        },
        maxTimeMS: 60_000,
      },
    )
    .toArray();
  const outbox = await w.db().collection('outbox').countDocuments({}, { maxTimeMS: 30_000 });
  const view: Record<string, OracleCustomer> = {};
  const statuses = new Map<string, string>();
  let pending = outbox;
  for (const d of docs) {
    view[d._id] = {
      status: d.status.value,
      accountNos: d.accountNos,
      orderNos: d.orderNos,
      openOrders: d.openOrders,
      lifetimeSpendFen: d.lifetimeSpendFen,
    };
    statuses.set(d._id, d.status.value);
    pending += d.pendingEvents?.length ?? 0;
  }
  return { view, statuses, pending };
}

export async function compareView(w: World): Promise<{ diff: ViewDiff; state: ViewState }> {
  const [expected, state] = await Promise.all([oracleView(w.legacy.sql, w.dbs), readView(w)]);
  return { diff: diffViews(expected, state.view), state };
}

export interface Convergence {
  converged: boolean;
  /** ms from `since` until everything was consumed, the view equalled the oracle and nothing was pending. */
  ms: number | null;
  diff: ViewDiff;
  state: ViewState | null;
  /** Processor instances found dead and started again while converging. */
  restarted: number;
}

/** Polls the cheap check (everything consumed), then the whole view, until both hold or `timeoutMs`. */
export async function converge(
  w: World,
  since: number,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<Convergence> {
  const deadline = Date.now() + timeoutMs;
  let diff: ViewDiff = { expected: 0, actual: 0, mismatches: -1, examples: [] };
  let state: ViewState | null = null;
  let restarted = 0;
  let lastLog = Date.now();
  while (Date.now() < deadline) {
    // A supervisor (systemd, Kubernetes) restarts a processor that exited; so does the harness, and says so.
    for (const [n, p] of w.instances.entries()) {
      if (p.alive()) continue;
      log(`  processor ${n} (pid ${p.pid}) has exited: starting it again`);
      restarted += 1;
      await w.restartInstance(n).catch((e: unknown) => log(`  restart failed: ${(e as Error).message}`));
    }
    const consumed = await w.consumedAll().catch(() => false);
    if (consumed) {
      const c = await compareView(w).catch(() => undefined);
      if (c) {
        diff = c.diff;
        state = c.state;
        if (diff.mismatches === 0 && c.state.pending === 0)
          return { converged: true, ms: Date.now() - since, diff, state, restarted };
      }
    }
    if (Date.now() - lastLog > 20_000) {
      lastLog = Date.now();
      log(
        `  converging... ${((Date.now() - since) / 1000).toFixed(0)}s (consumed all: ${consumed}` +
          `${diff.mismatches >= 0 ? `, ${diff.mismatches} customers differ, ${state?.pending ?? '?'} events pending` : ''})`,
      );
    }
    await new Promise((r) => setTimeout(r, 1000)); // poll period of the convergence check
  }
  const last = await compareView(w).catch(() => undefined);
  return {
    converged: false,
    ms: null,
    diff: last?.diff ?? diff,
    state: last?.state ?? state,
    restarted,
  };
}

async function readAll(w: World, topic: string) {
  return (
    (await readTopicToEnd({
      brokers: w.endpoints.KAFKA_BROKERS,
      clientId: 'csv-chaos-read',
      topic,
      timeoutMs: 120_000,
      onTimeout: () => new Error(`could not read ${topic} to its end within 120s`),
    })) ?? []
  );
}

export async function checkStateTopic(w: World, statuses: Map<string, string>): Promise<StatusEventsCheck> {
  const registry = createRegistryClient({ url: w.endpoints.SCHEMA_REGISTRY_URL });
  const events: StatusEvent[] = [];
  let undecodable = 0;
  for (const r of await readAll(w, w.stateTopic)) {
    if (!r.value) continue;
    const d = toStatusChange(await registry.decode(r.value).catch(() => undefined));
    if (!d.ok) {
      undecodable += 1;
      continue;
    }
    const { customerId, version, status, previousStatus, removed } = d.change;
    events.push({ customerId, version, status, previousStatus, removed });
  }
  const check = checkStatusEvents(events, statuses);
  if (undecodable > 0) check.examples.unshift(`${undecodable} undecodable records on ${w.stateTopic}`);
  return check;
}

/** Dead letters on the run's dead-letter topic, by reason. */
export async function deadLettersByReason(w: World): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await readAll(w, w.dlqTopic)) {
    const reason = parseDeadLetter(r).reason;
    out[reason] = (out[reason] ?? 0) + 1;
  }
  return out;
}
