// How production runs the compiled server: `${SERVER_ENV} node ${SERVER_NODE_OPTIONS} dist/server/main.js`, the same
// for npm start, npm run bench:memory and the production test. Measured with the bench:memory mix (median RSS over
// requests 1,000–3,000): 346–403 MiB with Node's defaults (`npm run bench:memory -- --node-defaults`), 256–285 MiB with
// SERVER_ENV, 237–245 MiB adding the 2 MiB semi-space, 218–232 MiB adding the 20% growth step.
//
// The semi-space is 8 MiB, not 2: with 32 small calls in flight a 2 MiB young generation is scavenged every few dozen
// calls, while each call's objects are still alive, so they are copied and promoted (probe: 583 scavenges against 150
// for the same 60,000 WebSocket calls). Server CPU per call at 32 in flight, 2 → 8 MiB: WebSocket 68–88 → 52–66 µs,
// native gRPC 468–520 → 403–433 µs, REST 270–320 → 203–265 µs. It costs RSS: after the bench:memory mix's first 1,000
// requests 231 MiB with 2 MiB, 245–248 MiB with 8 (session 7; 16 MiB was faster still, its RSS not measured: 8 MiB
// already sits near 250).

/**
 * A young generation of 8 MiB instead of 16 holds less garbage between scavenges, and growing the old generation by 20%
 * at a time (rather than up to 4×) collects promoted garbage, and the request and image buffers it keeps alive, sooner.
 * Source maps cost ~40 ms of start-up.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--enable-source-maps', '--max-semi-space-size=8', '--heap-growing-percent=20'];

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
