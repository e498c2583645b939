import { describe, expect, it } from 'vitest';
import { pollDelay } from './get-search';

describe('pollDelay', () => {
  it('starts at 500 ms and doubles up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(pollDelay)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});
