// Dates from the API carry the city's UTC offset; we show their wall-clock part as is,
// never converted to the browser's time zone.
import { dateTimeFormat } from './intl';

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

export function parseWallClock(iso: string): WallClock | null {
  const match = WALL_CLOCK.exec(iso);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0'] = match;
  return { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute) };
}

/** A Date whose UTC fields equal the wall clock, to format with timeZone 'UTC'. */
function wallClockAsUtcDate(iso: string): Date | null {
  const clock = parseWallClock(iso);
  if (!clock) return null;
  return new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute));
}

function formatWallClock(iso: string | null | undefined, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '—';
  const date = wallClockAsUtcDate(iso);
  if (!date) return '—';
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** "16:45" (fr) or "4:45 PM" (en) in the city's local time. */
export const formatLocalTime = (iso: string | null | undefined, locale: string): string =>
  formatWallClock(iso, locale, { hour: 'numeric', minute: '2-digit' });

/** "Sun 29 Nov" style label for a forecast day. */
export const formatDayLabel = (isoDate: string, locale: string): string =>
  formatWallClock(isoDate, locale, { weekday: 'short', day: 'numeric', month: 'short' });

/** The offset part, e.g. "UTC+01:00"; empty for UTC or when missing. */
export function utcOffsetLabel(iso: string): string {
  const match = /([+-]\d{2}:\d{2})$/.exec(iso);
  return match ? `UTC${match[1]}` : '';
}

/** A moment in time (created_at, in UTC) shown in the reader's own time zone. */
export function formatMoment(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
