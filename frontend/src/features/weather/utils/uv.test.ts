import { describe, expect, it } from 'vitest';
import { uvLevel } from './uv';

describe('uvLevel', () => {
  it('follows the WHO levels', () => {
    expect(uvLevel(0)).toBe('low');
    expect(uvLevel(2.4)).toBe('low');
    expect(uvLevel(3)).toBe('moderate');
    expect(uvLevel(6)).toBe('high');
    expect(uvLevel(8)).toBe('veryHigh');
    expect(uvLevel(11)).toBe('extreme');
  });

  it('has no level for a missing index', () => {
    expect(uvLevel(null)).toBeNull();
    expect(uvLevel(undefined)).toBeNull();
  });
});
