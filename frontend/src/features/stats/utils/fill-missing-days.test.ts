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
});
