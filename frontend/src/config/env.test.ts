import { describe, expect, it } from 'vitest';
import { resolveApiBaseUrl } from './env';

const page = (port: string, hostname = 'weather.local', protocol = 'http:') => ({ protocol, hostname, port });

describe('resolveApiBaseUrl', () => {
  it('uses an explicit base URL, trimming trailing slashes', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: 'http://localhost:18000/' }, page('14173'))).toBe('http://localhost:18000');
  });

  it('treats an explicit empty string as same origin', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: '' }, page('4173'))).toBe('');
  });

  it('derives port 8000 on the same host when served by vite preview on 4173', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: null }, page('4173', '192.0.2.10'))).toBe('http://192.0.2.10:8000');
    expect(resolveApiBaseUrl(undefined, page('4173', 'localhost', 'https:'))).toBe('https://localhost:8000');
  });

  it('uses the same origin on any other port (Nginx)', () => {
    expect(resolveApiBaseUrl({ apiBaseUrl: null }, page(''))).toBe('');
    expect(resolveApiBaseUrl(undefined, page('8080'))).toBe('');
  });
});
