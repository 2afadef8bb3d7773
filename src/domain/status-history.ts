/**
 * The status history of a customer: every change of its canonical status, with the rule and facts
 * behind it, oldest first, bounded. Pure: the next history follows from the previous one and the
 * status just derived, so a rebuild that repeats (a redelivered batch, a replay, a rebuild after a
 * lost revision race) adds nothing, and a change back and forth is two entries.
 */
import type { StatusEvidence } from './status-rules';

/** Entries kept per customer unless configured (STATUS_HISTORY_LIMIT). */
export const DEFAULT_STATUS_HISTORY_LIMIT = 50;
/**
 * Facts kept per entry. A rule can name every purchased order of a customer; an agent needs the
 * first few and the count, and a short entry keeps every rewrite of the document cheap.
 */
export const EVIDENCE_KEPT = 5;

export interface StatusChangeEntry {
  /** Revision of the customer document that made the change: unique per customer, grows with time. */
  rev: number;
  status: string;
  /** Null for the first status the view gave the customer. */
  previousStatus: string | null;
  rule: string;
  /** The first EVIDENCE_KEPT facts behind the rule, in the rule's order. */
  evidence: StatusEvidence[];
  /** How many facts were behind the rule (more than `evidence` holds when the rule names many). */
  evidenceCount: number;
  /** Source time of the newest evidence: when the new status took hold in the legacy systems. */
  since: Date | null;
  /** Newest source commit time among the customer's facts at that revision. */
  committedAt: Date;
  /** When the view wrote the change. */
  recordedAt: Date;
  /** Code maps the status was derived with: a change under new maps may come from a remap. */
  codeMapsVersion: number;
}

/** What a rebuild knows of the status it just derived. */
export interface DerivedChange {
  rev: number;
  status: string;
  rule: string;
  evidence: readonly StatusEvidence[];
  since: Date | null;
  committedAt: Date;
  recordedAt: Date;
  codeMapsVersion: number;
}

/**
 * The history after a rebuild. `previousStatus` is the status of the document the rebuild replaces
 * (null: no document). Returns `history` itself when nothing changed, so callers can skip writing it.
 */
export function nextStatusHistory(
  history: readonly StatusChangeEntry[],
  previousStatus: string | null,
  next: DerivedChange,
  limit: number,
): readonly StatusChangeEntry[] {
  const keep = Math.max(0, limit);
  // A revision at or below the newest entry's was already recorded (the caller's view is older).
  const newest = history[history.length - 1];
  const changed = previousStatus !== next.status && (!newest || next.rev > newest.rev);
  if (!changed) return history.length > keep ? history.slice(history.length - keep) : history;
  const entry: StatusChangeEntry = {
    rev: next.rev,
    status: next.status,
    previousStatus,
    rule: next.rule,
    evidence: next.evidence.slice(0, EVIDENCE_KEPT),
    evidenceCount: next.evidence.length,
    since: next.since,
    committedAt: next.committedAt,
    recordedAt: next.recordedAt,
    codeMapsVersion: next.codeMapsVersion,
  };
  const all = [...history, entry];
  return all.slice(Math.max(0, all.length - keep));
}

/** Newest first: what a support agent reads ("since when, and why"). */
export const newestFirst = (history: readonly StatusChangeEntry[]): StatusChangeEntry[] =>
  [...history].reverse();
