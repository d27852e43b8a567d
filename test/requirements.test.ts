import { afterEach, describe, expect, it, vi } from 'vitest';
import { requirement } from './support/requirements';

// The one skip rule: a missing requirement skips with its reason printed, except under CI=true, where it fails.

describe('requirement', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('does not skip what is present, in CI or not', () => {
    vi.stubEnv('CI', 'true');
    expect(requirement('mosquitto', true)).toBe(false);
    vi.stubEnv('CI', '');
    expect(requirement('mosquitto', true)).toBe(false);
  });

  it('skips what is missing outside CI, printing what and how to get it', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requirement('mosquitto', false, 'apt-get install mosquitto')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^skipping .*mosquitto is missing \(apt-get install mosquitto\)/));
  });

  it('throws for what is missing under CI=true, so nothing passes by skipping', () => {
    vi.stubEnv('CI', 'true');
    expect(() => requirement('mosquitto', false, 'apt-get install mosquitto')).toThrow(/^CI=true but mosquitto is missing \(apt-get install mosquitto\)/);
  });
});
