/**
 * Freshness as a client sees it: for each sampled source change (a CRM rename to a marker), poll
 * `customer(id:)` through the GraphQL API until the marker (or a later one of the same customer)
 * is visible; latency = visible time - the time the source COMMIT returned. One request every
 * `intervalMs` asks for the oldest pending sample, or up to `perRequest` (aliases) while they show up.
 */
import { markerSeq, type Sample } from '../workload/steady';

export interface FreshnessProbeOptions {
  url: string;
  marker: string;
  /** Poll period. Default 50 ms. */
  intervalMs?: number;
  /** Samples per request (the API's alias limit). Default 15. */
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

  // Each alias is a read by key, which FerretDB answers with a scan of the collection: asking for
  // every pending sample every 50 ms would load the store the processors write to. Changes become
  // visible roughly in commit order, so while the oldest is not visible only it is asked for; once
  // samples show up, the next requests sweep up to \`perRequest\` of them.
  let width = 1;
  async function pollOnce(): Promise<void> {
    const batch = pending.slice(0, width);
    if (batch.length === 0) return;
    const query = `{ ${batch.map((s, i) => `s${i}: customer(id: "${s.custId}") { name }`).join(' ')} }`;
    requests += 1;
    let data: Record<string, { name: string | null } | null> | undefined;
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(o.requestTimeoutMs ?? 5000),
      });
      data = ((await res.json()) as { data?: typeof data }).data;
    } catch {
      failures += 1;
      return;
    }
    const seen = Date.now();
    let found = 0;
    batch.forEach((s, i) => {
      const visible = markerSeq(o.marker, data?.[`s${i}`]?.name);
      if (visible !== undefined && visible >= s.seq) {
        latencies.push(seen - s.committedAt);
        pending.splice(pending.indexOf(s), 1);
        found += 1;
      }
    });
    width = found > 0 ? (o.perRequest ?? 15) : 1;
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
