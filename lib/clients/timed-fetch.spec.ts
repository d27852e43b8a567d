import { describe, expect, it } from 'vitest';
import { httpRoundTrip } from './timed-fetch';

const stamps = (newConnection: boolean) => ({ startTime: 100, requestStart: 104, responseEnd: 110, newConnection });

describe('httpRoundTrip', () => {
  it("shows a URL's first call's set-up apart, and leaves it out of the round trip", () => {
    const first = httpRoundTrip('http://api/first', 0, 0, stamps(true));
    expect(first.connect?.what).toMatch(/TCP connection and CORS preflight/);
    expect(first.connect!.ms + first.roundTripMs).toBe(10);
    expect(first.clock).toBe('network-stack');
  });

  it('keeps the set-up of a later call on a pooled connection in its round trip', () => {
    httpRoundTrip('http://api/again', 0, 0, stamps(false));
    const later = httpRoundTrip('http://api/again', 0, 0, stamps(false));
    expect(later.connect).toBeUndefined();
    expect(later.roundTripMs).toBe(10);
  });

  it('shows a new TCP connection apart on a later call', () => {
    httpRoundTrip('http://api/reconnect', 0, 0, stamps(false));
    expect(httpRoundTrip('http://api/reconnect', 0, 0, stamps(true)).connect?.what).toBe('TCP connection');
  });

  it("falls back to the page's clock where the browser gave no timestamps", () => {
    expect(httpRoundTrip('http://api/node', 5, 12, undefined)).toEqual({ roundTripMs: 7, clock: 'page' });
  });
});
