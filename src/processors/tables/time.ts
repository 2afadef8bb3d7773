/**
 * CRM and OMS store local wall-clock time (Asia/Shanghai) in zone-less columns. Debezium encodes
 * such a value as the epoch of that wall clock read as if it were UTC; this turns it into the real
 * instant for a given IANA zone, DST included (Intl does the zone arithmetic).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms. */
function offsetAt(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(whole))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return asUtc - whole;
}

/** The instant at which clocks in `timeZone` showed the wall time encoded as `wallAsUtcMs`. */
export function wallClockToUtc(wallAsUtcMs: number, timeZone: string): Date {
  const first = wallAsUtcMs - offsetAt(wallAsUtcMs, timeZone);
  return new Date(wallAsUtcMs - offsetAt(first, timeZone));
}

/** Throws on a zone Intl does not know, so a typo in configuration fails at startup. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}
