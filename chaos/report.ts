/** The report of a chaos run: a table for the terminal and the JSON of chaos/results/latest.json. Pure. */
import type { ScenarioResult } from './runner';

export interface ChaosReport {
  mode: 'quick' | 'full';
  command: string;
  startedAt: string;
  seconds: number;
  settings: { customers: number; rate: number; loadSeconds: number; seed: number };
  setupSeconds: number;
  passed: boolean;
  scenarios: ScenarioResult[];
}

function letters(l: Record<string, number>): string {
  const e = Object.entries(l);
  return e.length === 0 ? '-' : e.map(([r, n]) => `${r} ${n}`).join(', ');
}

export function reportTable(r: ChaosReport): string {
  const head = [
    'SCENARIO',
    'RESULT',
    'EVENTS IN',
    'VIEW=ORACLE',
    'MISSING',
    'DUPS',
    'DEAD LETTERS',
    'CONVERGED',
    'MANUAL STEP',
  ];
  const rows = r.scenarios.map((s) => [
    s.id,
    s.passed ? 'ok' : 'FAILED',
    `${s.changes}${s.injected ? `+${s.injected}` : ''}`,
    s.viewEqualsOracle ? 'yes' : `no (${s.customersDiffering})`,
    String(s.statusMissing),
    String(s.statusDuplicated),
    letters(s.deadLetters),
    s.convergeSeconds === null ? 'no' : `${s.convergeSeconds.toFixed(1)}s`,
    s.operator ?? '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const s of r.scenarios.filter((x) => !x.passed)) {
    out.push('', `${s.id}: ${s.problems.join('; ')}`);
    for (const e of s.examples) out.push(`    ${e}`);
  }
  out.push(
    '',
    `${r.mode} run, ${r.scenarios.length} scenarios, ${r.settings.customers} customers, ${r.settings.rate} changes/s for ${r.settings.loadSeconds}s each: ` +
      `${r.passed ? 'all passed' : `${r.scenarios.filter((s) => !s.passed).length} FAILED`} in ${(r.seconds / 60).toFixed(1)} min`,
    'EVENTS IN: source row changes during the scenario (+ records the scenario injected); MISSING/DUPS: customer-state.v1',
    'status changes missing / delivered again; CONVERGED: from the fault lifted to view = oracle with every status event published.',
  );
  return out.join('\n');
}
