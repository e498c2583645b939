import { describe, expect, it, vi } from 'vitest';
import { resolveApiBaseUrl } from './env';

describe('resolveApiBaseUrl', () => {
  it('uses the configured base URL, trimming trailing slashes', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: 'http://localhost:18000/' })).toBe('http://localhost:18000');
  });

  it('treats an empty string as same origin', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: '' })).toBe('');
  });

  it('says when the deployment configured nothing, and falls back to same origin', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(resolveApiBaseUrl(undefined)).toBe('');
    expect(resolveApiBaseUrl({ apiBaseUrl: null })).toBe('');
    expect(error).toHaveBeenCalledTimes(2);
  });
});
