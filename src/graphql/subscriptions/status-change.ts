/** A `customer-state.v1` record, validated at the edge: the decoded Avro is untrusted input. */
import { z } from 'zod';

const millis = z.union([z.bigint(), z.number()]).transform((v) => new Date(Number(v)));

export const statusChangeSchema = z.object({
  customerId: z.string().min(1),
  version: z.union([z.bigint(), z.number()]).transform((v) => Number(v)),
  status: z.string(),
  previousStatus: z.string().nullable().default(null),
  rule: z.string(),
  since: millis.nullable().default(null),
  removed: z.boolean().default(false),
  changedAt: millis,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export type Decoded = { ok: true; change: StatusChange } | { ok: false; reason: string };

export function toStatusChange(value: unknown): Decoded {
  const r = statusChangeSchema.safeParse(value);
  return r.success
    ? { ok: true, change: r.data }
    : { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** Whether a subscriber with these arguments wants this change. */
export function matches(
  change: StatusChange,
  args: { customerId?: string | null; status?: string[] | null },
): boolean {
  if (args.customerId != null && change.customerId !== args.customerId) return false;
  if (args.status && !args.status.includes(change.status)) return false;
  return true;
}
