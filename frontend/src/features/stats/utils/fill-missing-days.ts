import type { Stats } from '@/types/api';

export type Day = Stats['searches_per_day'][number];

const DAY_MS = 24 * 3600 * 1000;

/**
 * One entry per day of the period, ending on the latest date reported, with zero for the
 * days the API left out, so quiet days show as gaps rather than vanish.
 */
export function fillMissingDays(days: Day[], period = 1): Day[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const counts = new Map(sorted.map((day) => [day.date, day.searches]));
  const filled: Day[] = [];
  const last = new Date(`${sorted.at(-1)?.date}T00:00:00Z`);
  const first = new Date(Math.min(Date.parse(`${sorted[0]?.date}T00:00:00Z`), last.getTime() - (period - 1) * DAY_MS));
  for (let date = first; date <= last; date.setUTCDate(date.getUTCDate() + 1)) {
    const key = date.toISOString().slice(0, 10);
    filled.push({ date: key, searches: counts.get(key) ?? 0 });
  }
  return filled;
}
