/**
 * Opaque global ids of the Relay `Node` interface: base64url of `Type:key`. Opaque so clients treat
 * them as handles (and a natural key can change shape without breaking them); typed so one id never
 * names two objects, which the natural keys alone do not promise across systems.
 */
import { badInput } from './errors';

export const NODE_TYPES = ['Customer', 'Order', 'BillingAccount'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** The type and natural key inside a global id, or null when it is not one this API issued. */
export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  // Round trip: base64url decoding ignores some malformed input, an id must be exactly ours.
  if (!key || !(NODE_TYPES as readonly string[]).includes(type)) return null;
  if (toGlobalId(type as NodeType, key) !== id) return null;
  return { type: type as NodeType, key };
}

/** The global id of `type`, or BAD_USER_INPUT naming the argument. */
export function expectGlobalId(id: string, argument: string): { type: NodeType; key: string } {
  const parsed = fromGlobalId(id);
  if (!parsed) throw badInput(`${argument}: not an id this API issued`, { argument });
  return parsed;
}

/**
 * The CRM cust_id a customer argument names: a Customer global id, or (as before global ids) the
 * cust_id itself. A cust_id that happens to decode as a Customer global id would be misread; CRM
 * ids are short upper-case codes, which never do.
 */
export function customerKey(id: string): string {
  const parsed = fromGlobalId(id);
  if (parsed?.type === 'Customer') return parsed.key;
  return id.trim();
}
