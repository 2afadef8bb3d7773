/** What a chaos scenario is: a fault injected while the steady load runs, lifted before the checks. */
import type { World } from './world';

export interface FaultContext {
  world: World;
  log: (line: string) => void;
  quick: boolean;
  /** Waits `ms` of wall time: a fault lasts a fixed time by definition, so here a sleep is the point. */
  sleep: (ms: number) => Promise<void>;
}

export interface FaultOutcome {
  /** What was done, in a few words, for the report. */
  detail: string;
  /** Dead-letter reasons this fault must produce, with the least count of each. */
  expectedDeadLetters?: Record<string, number>;
  /** Dead-letter reasons this fault may produce without failing (e.g. a replayed poison). */
  allowedDeadLetters?: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** What passing it proves, for the README and the report. */
  proves: string;
  /** Part of `--quick` (the CI subset). */
  quick: boolean;
  /** Injects the fault during the load; resolves once the fault is lifted. */
  inject(ctx: FaultContext): Promise<FaultOutcome>;
}
