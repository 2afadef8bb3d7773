/**
 * Desired versus live connector configs, key by key, with secrets redacted (redact.ts). Pure, so
 * `diff` and `apply --dry-run` print the same thing and the rules are unit tested.
 */
import type { ConnectorConfig } from './connector-configs';
import { REDACTED, redactValue } from './redact';

export interface KeyChange {
  key: string;
  /** Printable live value; absent when the key is new. */
  live?: string;
  /** Printable desired value; absent when the key goes away. */
  desired?: string;
}

export interface ConnectorDiff {
  name: string;
  /** `missing`: not on Connect yet (apply creates it). */
  state: 'same' | 'changed' | 'missing';
  changes: KeyChange[];
}

/** The diff of one connector; `live` undefined means Connect does not have it. */
export function diffConnector(
  name: string,
  desired: ConnectorConfig,
  live: ConnectorConfig | undefined,
): ConnectorDiff {
  if (!live) {
    return {
      name,
      state: 'missing',
      changes: Object.keys(desired)
        .sort()
        .map((key) => ({ key, desired: redactValue(key, desired[key] as string) })),
    };
  }
  const changes: KeyChange[] = [];
  for (const key of [...new Set([...Object.keys(desired), ...Object.keys(live)])].sort()) {
    const d = desired[key];
    const l = live[key];
    if (d === l) continue;
    const change: KeyChange = { key };
    if (l !== undefined) change.live = redactValue(key, l);
    if (d !== undefined) change.desired = redactValue(key, d);
    // Two different secrets both print as [redacted]: say that they differ, without a hint of either.
    if (change.live === REDACTED && change.desired === REDACTED) change.desired = `${REDACTED} (different)`;
    changes.push(change);
  }
  return { name, state: changes.length ? 'changed' : 'same', changes };
}

/** Human-readable lines of a diff, as `diff` prints them. */
export function formatDiff(diffs: ConnectorDiff[]): string[] {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.state === 'same') {
      lines.push(`= ${d.name}: in sync`);
      continue;
    }
    lines.push(
      d.state === 'missing'
        ? `+ ${d.name}: not on Connect (apply creates it, ${d.changes.length} keys)`
        : `~ ${d.name}: ${d.changes.length} key${d.changes.length === 1 ? '' : 's'} differ`,
    );
    if (d.state === 'missing') continue;
    for (const c of d.changes) {
      if (c.live === undefined) lines.push(`    + ${c.key} = ${JSON.stringify(c.desired)}`);
      else if (c.desired === undefined) lines.push(`    - ${c.key} (live: ${JSON.stringify(c.live)})`);
      else lines.push(`    ~ ${c.key}: ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}`);
    }
  }
  return lines;
}
