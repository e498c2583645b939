import { describe, expect, it } from 'vitest';
import { fillMissingDays } from './fill-missing-days';

describe('fillMissingDays', () => {
  it('adds zero days between the first and last date, in order', () => {
    expect(
      fillMissingDays([
        { date: '2026-12-01', searches: 2 },
        { date: '2026-11-29', searches: 9 },
      ]),
    ).toEqual([
      { date: '2026-11-29', searches: 9 },
      { date: '2026-11-30', searches: 0 },
      { date: '2026-12-01', searches: 2 },
    ]);
    expect(fillMissingDays([])).toEqual([]);
  });

  it('covers the whole period up to the latest day', () => {
    const filled = fillMissingDays([{ date: '2026-11-29', searches: 9 }], 7);
    expect(filled).toHaveLength(7);
    expect(filled[0]).toEqual({ date: '2026-11-23', searches: 0 });
    expect(filled.at(-1)).toEqual({ date: '2026-11-29', searches: 9 });
  });
});
