import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig: AUTH', () => {
  it('is off by default on loopback, required by default on any other interface', () => {
    expect(readConfig({}).auth).toBe('off');
    expect(readConfig({ HOST: '127.0.0.1' }).auth).toBe('off');
    expect(readConfig({ HOST: '::1' }).auth).toBe('off');
    expect(readConfig({ HOST: '0.0.0.0' }).auth).toBe('required');
    expect(readConfig({ HOST: '::' }).auth).toBe('required');
    expect(readConfig({ HOST: '192.168.1.20' }).auth).toBe('required');
  });

  it('does what AUTH says when it is set, and refuses anything but off and required', () => {
    expect(readConfig({ HOST: '0.0.0.0', AUTH: 'off' })).toMatchObject({ auth: 'off', authExplicit: true });
    expect(readConfig({ AUTH: 'required' })).toMatchObject({ auth: 'required', authExplicit: true });
    expect(readConfig({ HOST: '0.0.0.0' }).authExplicit).toBe(false);
    expect(() => readConfig({ AUTH: 'on' })).toThrow(/AUTH must be "off" or "required"/);
  });

  it('reads JWT_SECRET and TOKEN_TTL_SECONDS', () => {
    expect(readConfig({})).toMatchObject({ jwtSecret: undefined, tokenTtlSeconds: 3600 });
    expect(readConfig({ JWT_SECRET: 's'.repeat(32), TOKEN_TTL_SECONDS: '60' })).toMatchObject({ jwtSecret: 's'.repeat(32), tokenTtlSeconds: 60 });
    expect(() => readConfig({ TOKEN_TTL_SECONDS: '0' })).toThrow(/TOKEN_TTL_SECONDS/);
  });
});
