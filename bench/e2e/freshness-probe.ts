/**
 * Freshness as a client sees it: for each sampled source change (a CRM rename to a marker), poll
 * `customer(id:)` through the GraphQL API until the marker (or a later one of the same customer)
 * is visible; latency = visible time - the time the source COMMIT returned. Every `intervalMs` the
 * oldest pending sample is asked for, and the next ones while they are visible (one key per request).
 */
import { markerSeq, type Sample } from '../workload/steady';

export interface FreshnessProbeOptions {
  url: string;
  marker: string;
  /** Poll period. Default 50 ms. */
  intervalMs?: number;
  /** Samples checked per tick at most. Default 15. */
  perRequest?: number;
  /** Deadline of one request. Default 5 s. */
  requestTimeoutMs?: number;
}

export function createFreshnessProbe(o: FreshnessProbeOptions) {
  const pending: Sample[] = [];
  const latencies: number[] = [];
  let requests = 0;
  let failures = 0;
  let running = false;
  let loop: Promise<void> | undefined;

  // One key per request: the API loads several keys of one request with \`$in\`, which FerretDB does
  // not push down (it fetches and decodes the whole collection per query, and such queries piled up
  // for minutes at 20,000 customers), while a single key is an equality it pushes down. Changes
  // become visible roughly in commit order, so each tick asks for the oldest pending sample and,
  // while that one is visible, goes on with the next, at most \`perRequest\` per tick.
  async function visible(s: Sample): Promise<boolean> {
    const res = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: `{ customer(id: "${s.custId}") { name } }` }),
      signal: AbortSignal.timeout(o.requestTimeoutMs ?? 5000),
    });
    const body = (await res.json()) as { data?: { customer: { name: string | null } | null } };
    const seq = markerSeq(o.marker, body.data?.customer?.name);
    return seq !== undefined && seq >= s.seq;
  }

  async function pollOnce(): Promise<void> {
    for (let i = 0; i < (o.perRequest ?? 15) && pending.length > 0; i++) {
      const s = pending[0] as Sample;
      requests += 1;
      try {
        if (!(await visible(s))) return;
      } catch {
        failures += 1;
        return;
      }
      latencies.push(Date.now() - s.committedAt);
      pending.shift();
    }
  }

  return {
    add(s: Sample): void {
      pending.push(s);
    },
    start(): void {
      running = true;
      loop = (async () => {
        while (running) {
          const t = Date.now();
          await pollOnce();
          const wait = (o.intervalMs ?? 50) - (Date.now() - t);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      })();
    },
    /**
     * Waits until no sample is pending, or `settled()` (the processors consumed everything) has held
     * for 5 s with samples still unseen (they never will be), or `deadline` passes; then stops.
     */
    async drain(deadline: number, settled: () => Promise<boolean>): Promise<void> {
      let settledAt: number | undefined;
      let checked = 0;
      while (pending.length > 0 && Date.now() < deadline) {
        if (settledAt !== undefined && Date.now() - settledAt > 5000) break;
        if (Date.now() - checked > 2000) {
          checked = Date.now();
          if (settledAt === undefined && (await settled().catch(() => false))) settledAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      running = false;
      await loop;
    },
    stats: () => ({ latencies, unseen: pending.length, requests, failures }),
  };
}
