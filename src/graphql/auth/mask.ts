/** Contact details as an agent sees them: enough to confirm with a caller, not enough to copy. */

/** ` Zhang.Wei@Example.CN ` → `z***@example.cn`. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${e[0]}***${e.slice(at)}`;
}

/** `13800000001` → `138****0001`; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const p = phone.trim();
  if (p.length >= 8) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, p.length - 2))}${p.slice(-2)}`;
}
