/** Small statistics for the benchmark's figures. Pure. */

/** The p-th percentile (0-100) by nearest rank; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Events per second, or 0 for no time. */
export function rate(events: number, seconds: number): number {
  return seconds > 0 ? events / seconds : 0;
}
