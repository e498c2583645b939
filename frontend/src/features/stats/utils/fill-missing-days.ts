import type { Stats } from '@/types/api';

export type Day = Stats['searches_per_day'][number];

/** Adds zero days between the first and last date so gaps show as gaps, not as nothing. */
export function fillMissingDays(days: Day[]): Day[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const counts = new Map(sorted.map((day) => [day.date, day.searches]));
  const filled: Day[] = [];
  const last = new Date(`${sorted.at(-1)?.date}T00:00:00Z`);
  for (let date = new Date(`${sorted[0]?.date}T00:00:00Z`); date <= last; date.setUTCDate(date.getUTCDate() + 1)) {
    const key = date.toISOString().slice(0, 10);
    filled.push({ date: key, searches: counts.get(key) ?? 0 });
  }
  return filled;
}
