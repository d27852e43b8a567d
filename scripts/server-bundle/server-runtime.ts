// How production runs the compiled server: `${SERVER_ENV} node ${SERVER_NODE_OPTIONS} dist/server/main.js`, the same
// for npm start, npm run bench:memory and the production test. Measured with the bench:memory mix (median RSS over
// requests 1,000–3,000): 346–403 MiB with Node's defaults (`npm run bench:memory -- --node-defaults`), 256–285 MiB with
// SERVER_ENV, 237–245 MiB adding the 2 MiB semi-space, 218–232 MiB adding the 20% growth step; ~7% more CPU per request.

/**
 * A young generation of 2 MiB instead of 16 holds less garbage between scavenges, and growing the old generation by 20%
 * at a time (rather than up to 4×) collects promoted garbage, and the request and image buffers it keeps alive, sooner.
 * Source maps cost ~40 ms of start-up.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--enable-source-maps', '--max-semi-space-size=2', '--heap-growing-percent=20'];

/**
 * glibc raises its mmap threshold to the largest block freed (up to 32 MiB), so after the first few the image tensors and
 * batches come from the heap arena, where freed space stays resident. Fixed at 128 KiB they get mappings of their own,
 * returned when freed. glibc reads it once, at process start, so it is set on the command, not in code.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };

/** `dist`: a compiled bundle with production's node options, as `npm start` runs it; `tsx`: server/main.ts from source. */
export type ServerBuild = 'dist' | 'tsx';

/** node's arguments and the environment it adds for a build (`bundle`: the compiled server's path, for `dist`). */
export function serverCommand(build: ServerBuild, bundle: string): { args: string[]; env: Readonly<Record<string, string>> } {
  if (build === 'dist') return { args: [...SERVER_NODE_OPTIONS, bundle], env: SERVER_ENV };
  // node itself, not the tsx CLI, which would sit in between and relay signals.
  return { args: ['--import', 'tsx', 'server/main.ts'], env: {} };
}
