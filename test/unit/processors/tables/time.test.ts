import { assertTimeZone, wallClockToUtc } from '../../../../src/processors/tables/time';

describe('wall clock to UTC', () => {
  it('takes eight hours off Shanghai local time', () => {
    expect(wallClockToUtc(Date.UTC(2026, 10, 28, 8, 0, 0, 250), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-28T00:00:00.250Z',
    );
  });

  it('crosses midnight and year ends', () => {
    expect(wallClockToUtc(Date.UTC(2026, 0, 1, 3, 0), 'Asia/Shanghai').toISOString()).toBe(
      '2025-12-31T19:00:00.000Z',
    );
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(wallClockToUtc(Date.UTC(2026, 0, 15, 12, 0), 'America/New_York').toISOString()).toBe(
      '2026-01-15T17:00:00.000Z',
    );
    expect(wallClockToUtc(Date.UTC(2026, 6, 15, 12, 0), 'America/New_York').toISOString()).toBe(
      '2026-07-15T16:00:00.000Z',
    );
  });

  it('is the identity for UTC', () => {
    expect(wallClockToUtc(1_795_852_800_000, 'UTC').getTime()).toBe(1_795_852_800_000);
  });

  it('refuses an unknown zone', () => {
    expect(() => assertTimeZone('Asia/Shang_hai')).toThrow(RangeError);
  });
});
