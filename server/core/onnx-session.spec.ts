import { describe, expect, it } from 'vitest';
import { sessionOptionsFor } from './onnx-session';

describe('onnxruntime session options', () => {
  it('keeps the shared options when nothing is tuned: no memory arena, onnxruntime’s own threading', () => {
    const options = sessionOptionsFor({});
    expect(options).toMatchObject({ executionProviders: ['cpu'], graphOptimizationLevel: 'all', enableCpuMemArena: false, enableMemPattern: false });
    expect(options).not.toHaveProperty('intraOpNumThreads');
    expect(options.extra).toEqual({ session: { x64quantprecision: '1' } });
  });

  it('turns the memory arena on for a session that asks for it', () => {
    expect(sessionOptionsFor({ memoryArena: true }).enableCpuMemArena).toBe(true);
    expect(sessionOptionsFor({ memoryArena: false }).enableCpuMemArena).toBe(false);
  });

  it('sets threads and spinning alongside the shared session entries', () => {
    const options = sessionOptionsFor({ intraOpNumThreads: 1, allowSpinning: false, memoryArena: true });
    expect(options).toMatchObject({ intraOpNumThreads: 1, enableCpuMemArena: true });
    expect(options.extra).toEqual({ session: { x64quantprecision: '1', 'intra_op.allow_spinning': '0' } });
  });
});
