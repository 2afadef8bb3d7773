/**
 * The `customer-state.v1` check of a chaos run, pure: per customer the status events, ordered by
 * version and with duplicates set aside, must form one unbroken chain (each event's previousStatus
 * is the status of the one before) that ends at the view's status, or at a removal for a customer
 * the view no longer has. A break in the chain is a status change that was never published.
 */
export interface StatusEvent {
  customerId: string;
  version: number;
  status: string;
  previousStatus: string | null;
  removed: boolean;
}

export interface StatusEventsCheck {
  events: number;
  customers: number;
  /** Events whose customer and version were already seen (at least once delivery). */
  duplicated: number;
  /** Status changes missing: breaks in a customer's chain, or a chain that does not end at the view. */
  missing: number;
  /** Two different events with the same customer and version: two writers disagreed. */
  conflicting: number;
  examples: string[];
}

function same(a: StatusEvent, b: StatusEvent): boolean {
  return a.status === b.status && a.previousStatus === b.previousStatus && a.removed === b.removed;
}

/** `view`: the status of every customer in the view, by id. */
export function checkStatusEvents(
  events: StatusEvent[],
  view: ReadonlyMap<string, string>,
): StatusEventsCheck {
  const byCustomer = new Map<string, Map<number, StatusEvent>>();
  let duplicated = 0;
  let conflicting = 0;
  let missing = 0;
  const examples: string[] = [];
  const note = (text: string) => {
    if (examples.length < 5) examples.push(text);
  };
  for (const e of events) {
    let versions = byCustomer.get(e.customerId);
    if (!versions) byCustomer.set(e.customerId, (versions = new Map()));
    const seen = versions.get(e.version);
    if (!seen) versions.set(e.version, e);
    else if (same(seen, e)) duplicated += 1;
    else {
      conflicting += 1;
      note(`${e.customerId} v${e.version}: ${seen.status} and ${e.status}`);
    }
  }
  for (const [id, versions] of byCustomer) {
    let last: string | null = null;
    let removed = false;
    for (const e of [...versions.values()].sort((a, b) => a.version - b.version)) {
      // A removal repeats the last status as both previous and current.
      if (e.previousStatus !== last) {
        missing += 1;
        note(`${id} v${e.version}: previousStatus ${e.previousStatus}, last published ${last}`);
      }
      removed = e.removed;
      last = e.removed ? null : e.status;
    }
    const inView = view.get(id);
    if (inView === undefined && !removed) {
      missing += 1;
      note(`${id}: not in the view, but its last event (${last}) is no removal`);
    } else if (inView !== undefined && (removed || last !== inView)) {
      missing += 1;
      note(`${id}: view says ${inView}, the last event ${removed ? 'removed it' : `says ${last}`}`);
    }
  }
  for (const [id, status] of view) {
    if (byCustomer.has(id)) continue;
    missing += 1;
    note(`${id}: ${status} in the view, never published`);
  }
  return { events: events.length, customers: byCustomer.size, duplicated, missing, conflicting, examples };
}
