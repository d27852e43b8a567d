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

describe('readConfig: image batching', () => {
  it('batches up to 8 images by default, without waiting for a batch to fill', () => {
    expect(readConfig({})).toMatchObject({ maxBatchSize: 8, maxQueueDelayMicroseconds: 0 });
  });

  it('reads MAX_BATCH_SIZE (1 turns batching off) and MAX_QUEUE_DELAY_MICROSECONDS (0: no waiting)', () => {
    expect(readConfig({ MAX_BATCH_SIZE: '1', MAX_QUEUE_DELAY_MICROSECONDS: '0' })).toMatchObject({ maxBatchSize: 1, maxQueueDelayMicroseconds: 0 });
    expect(readConfig({ MAX_BATCH_SIZE: '16', MAX_QUEUE_DELAY_MICROSECONDS: '500' })).toMatchObject({ maxBatchSize: 16, maxQueueDelayMicroseconds: 500 });
    expect(() => readConfig({ MAX_BATCH_SIZE: '0' })).toThrow(/MAX_BATCH_SIZE/);
    expect(() => readConfig({ MAX_QUEUE_DELAY_MICROSECONDS: '-1' })).toThrow(/MAX_QUEUE_DELAY_MICROSECONDS/);
    expect(() => readConfig({ MAX_QUEUE_DELAY_MICROSECONDS: '1.5' })).toThrow(/MAX_QUEUE_DELAY_MICROSECONDS/);
  });
});
