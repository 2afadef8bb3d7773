/**
 * The `progress` collection: per source system, how far the view has got. The API's freshness
 * report reads it; the processors write it after each batch.
 */
export const PROGRESS = 'progress';

export interface ProgressDoc {
  /** CRM, BILLING or OMS. */
  _id: 'CRM' | 'BILLING' | 'OMS';
  topic: string;
  /** Source commit time of the newest change applied (UTC). */
  lastEventAt: Date;
  /** When the view applied it. */
  lastAppliedAt: Date;
}
