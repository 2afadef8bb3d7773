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

/**
 * Offsets by zone and UTC minute: zone offsets change only at transitions on whole minutes, and CDC
 * timestamps cluster around the present, so most conversions are a map lookup instead of Intl.
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 50_000;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms. */
function offsetAt(utcMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utcMs / 60_000)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size >= OFFSETS_KEPT) offsets.clear();
  const offset = computeOffset(utcMs, timeZone);
  offsets.set(key, offset);
  return offset;
}

function computeOffset(utcMs: number, timeZone: string): number {
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
