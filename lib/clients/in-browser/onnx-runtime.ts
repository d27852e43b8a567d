import type * as OnnxRuntimeWeb from 'onnxruntime-web';

export type OnnxRuntime = typeof OnnxRuntimeWeb;
export type OnnxSession = OnnxRuntimeWeb.InferenceSession;

/** The onnxruntime-web version package.json pins, which names the runtime's URL (so browsers may cache it for good). */
export const ONNXRUNTIME_WEB_VERSION = '1.30.0';

/** Where the web app serves onnxruntime-web's runtime files (.mjs, .wasm), compressed (app/onnxruntime-web). */
export const RUNTIME_PATH = `/onnxruntime-web/${ONNXRUNTIME_WEB_VERSION}/`;

const inBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

let loaded: Promise<OnnxRuntime> | undefined;

/**
 * onnxruntime-web, loaded once. In a browser its ES module and WebAssembly come from this web app (the same npm
 * package, so versions always match; app/onnxruntime-web) and the bundler never sees them. Under Node (tests) the
 * package is imported as usual: its Node build runs the same WebAssembly backend.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  if (!loaded) {
    const runtime = inBrowser() ? loadFromServer(new URL(RUNTIME_PATH, location.origin).href) : import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'onnxruntime-web');
    runtime.catch(() => (loaded = undefined));
    loaded = runtime;
  }
  return loaded;
}

async function loadFromServer(runtimeUrl: string): Promise<OnnxRuntime> {
  // The WebAssembly-only build: no WebGPU/WebGL code, a 14 MB .wasm instead of 28 MB.
  const ort = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${runtimeUrl}ort.wasm.min.mjs`)) as OnnxRuntime;
  ort.env.wasm.wasmPaths = runtimeUrl;
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page has.
  if (!globalThis.crossOriginIsolated) ort.env.wasm.numThreads = 1;
  // Sessions are created and run in onnxruntime-web's own worker: creating one takes a second of main-thread time
  // otherwise, and a run tens of milliseconds, while the page should stay responsive.
  ort.env.wasm.proxy = true;
  return ort;
}

/** A session on the WebAssembly backend from a model's bytes. */
export const createSession = (ort: OnnxRuntime, model: Uint8Array) =>
  ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });

/** Runs a session and measures the time spent inside onnxruntime-web. */
export async function runTimed(session: OnnxSession, feeds: Record<string, OnnxRuntimeWeb.Tensor>) {
  const started = performance.now();
  const outputs = await session.run(feeds);
  return { outputs, inferenceMs: performance.now() - started };
}

/** The float32 data of a named output, or an error naming what the graph produced. */
export function outputFloats(outputs: OnnxRuntimeWeb.InferenceSession.ReturnType, name: string): Float32Array {
  const tensor = outputs[name];
  if (!tensor || !(tensor.data instanceof Float32Array)) {
    throw new Error(`ONNX output "${name}" missing or not float32 (outputs: ${Object.keys(outputs).join(', ')})`);
  }
  return tensor.data;
}
