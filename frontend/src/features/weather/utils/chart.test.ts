import { describe, expect, it } from 'vitest';
import { linePath, temperatureDomain } from './chart';

describe('temperatureDomain', () => {
  it('rounds out to steps of 5 with headroom', () => {
    expect(temperatureDomain([3.1, 9.4])).toEqual([0, 15]);
    expect(temperatureDomain([-12, -3])).toEqual([-15, 0]);
    expect(temperatureDomain([])).toEqual([0, 10]);
  });
});

describe('linePath', () => {
  it('breaks the line at gaps', () => {
    expect(linePath([[0, 0], [1, 1], null, [3, 3], [4, 4]])).toBe('M0.0,0.0L1.0,1.0M3.0,3.0L4.0,4.0');
  });
});
