import { describe, expect, it } from 'vitest';
import { formatDayLabel, formatLocalTime, parseWallClock, utcOffsetLabel } from './format';

describe('wall-clock times', () => {
  it('reads the local wall clock from an ISO string with offset', () => {
    expect(parseWallClock('2026-11-29T16:45:00+01:00')).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 16,
      minute: 45,
    });
    expect(parseWallClock('2026-11-29')).toEqual({ year: 2026, month: 11, day: 29, hour: 0, minute: 0 });
    expect(parseWallClock('yesterday')).toBeNull();
  });

  it('shows the city time, not the browser time', () => {
    // 16:45 in Paris is 15:45 UTC; whatever the test machine's zone, we show 16:45.
    expect(formatLocalTime('2026-11-29T16:45:00+01:00', 'fr-FR')).toBe('16:45');
    expect(formatLocalTime('2026-11-29T16:45:00-06:00', 'en-US')).toBe('4:45 PM');
    expect(formatLocalTime(null, 'en-GB')).toBe('—');
  });

  it('labels a day without shifting it across midnight', () => {
    expect(formatDayLabel('2026-11-29', 'en-GB')).toBe('Sun 29 Nov');
    expect(formatDayLabel('2026-11-30T00:00:00+14:00', 'en-GB')).toBe('Mon 30 Nov');
  });

  it('extracts the UTC offset', () => {
    expect(utcOffsetLabel('2026-11-29T16:45:00+01:00')).toBe('UTC+01:00');
    expect(utcOffsetLabel('2026-11-29T16:45:00Z')).toBe('');
  });
});
