// One rule for tests that need something this machine may lack (the shared ImageNet files, mosquitto, Chromium):
// skip with the reason printed on a developer's machine, fail loudly in CI, where a skip would pass silently.
// Plain Node: vitest files, Playwright files and scripts/test-e2e.ts all use it.

/** True when CI=true: the CI entry point (.ci/run) sets it, and every requirement must then be met. */
export const isCi = () => process.env.CI === 'true';

/**
 * Whether to skip the tests that need `what`. Present: false. Missing locally: true, with the reason printed.
 * Missing under CI=true: throws, so the test file (or the e2e run) fails instead of skipping.
 */
export function requirement(what: string, present: boolean, remedy?: string): boolean {
  if (present) return false;
  const missing = `${what} is missing${remedy ? ` (${remedy})` : ''}`;
  if (isCi()) throw new Error(`CI=true but ${missing}: the tests that need it must run in CI, not skip.`);
  console.warn(`skipping the tests that need it: ${missing}`);
  return true;
}
