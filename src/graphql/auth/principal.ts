/** Who is asking, and what each role may see. */
import { clientError } from '../errors';

export const ROLES = ['agent', 'support', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's `sub`, or `anonymous` in the loopback demo. */
  subject: string;
  roles: ReadonlySet<Role>;
  /** Rate-limit bucket: one per token subject, or per client address without auth. */
  rateKey: string;
}

/** Agents work with customers on the phone: they see contact details masked. */
export const seesContactDetails = (p: Principal) => p.roles.has('support') || p.roles.has('service');

/** Operations data (lags, connector states) is for support staff and machine clients. */
export function assertOperationsAccess(p: Principal): void {
  if (!p.roles.has('support') && !p.roles.has('service'))
    throw clientError('FORBIDDEN', 'the pipeline status needs the support or service role');
}
