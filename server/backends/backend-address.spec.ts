import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_MS, parseInferenceBackend } from './backend-address';

describe('parseInferenceBackend (INFERENCE_BACKEND)', () => {
  it('is undefined when unset or blank: the graphs run in this process', () => {
    expect(parseInferenceBackend(undefined)).toBeUndefined();
    expect(parseInferenceBackend('  ')).toBeUndefined();
  });

  it('reads oip+grpc:// and oip+http:// with a host and a port', () => {
    expect(parseInferenceBackend('oip+grpc://triton:8001')).toEqual({ wire: 'grpc', baseUrl: 'http://triton:8001', label: 'oip+grpc://triton:8001', deadlineMs: DEFAULT_DEADLINE_MS });
    expect(parseInferenceBackend('oip+http://127.0.0.1:8000/', '2500')).toEqual({ wire: 'http', baseUrl: 'http://127.0.0.1:8000', label: 'oip+http://127.0.0.1:8000/', deadlineMs: 2500 });
  });

  it.each([
    ['http://triton:8000', /must start with oip\+grpc:\/\/ or oip\+http:\/\//],
    ['oip+grpc://triton', /must name a host and a port/],
    ['triton:8001', /must start with oip\+grpc/],
    ['not a url', /must be oip\+grpc:\/\/host:port or oip\+http:\/\/host:port/],
    ['oip+http://triton:8000/v2', /takes only a host and a port/],
  ])('refuses %s with a message that says what it takes', (raw, message) => {
    expect(() => parseInferenceBackend(raw)).toThrow(message);
  });

  it('refuses a deadline that is not a positive number of milliseconds', () => {
    expect(() => parseInferenceBackend('oip+grpc://triton:8001', '0')).toThrow(/INFERENCE_BACKEND_DEADLINE_MS must be a positive integer/);
  });
});
