import type { ModelDescriptor, PredictionInput, PredictionResult } from '../../contract';
import { parseSentimentSidecar } from '../../featurize/sentiment-sidecar';
import { imagenetPixels } from '../../encoding/off-main-thread';
import { ModelWireError } from '../../model-wire-error';
import { since, type CallTiming, type ConnectTime } from '../call-timing';
import type { CallOutcome, ProtocolError, WireExchange } from '../protocol-client';
import { createImagenetModel, type ImageDecoder } from './imagenet-model';
import type { LocalModel, LocalRun } from './local-run';
import { decodeJson, entryWithRole, fetchArtifact, fetchArtifactListing, ModelFilesError, type ArtifactEntry } from './model-files';
import { loadOnnxRuntime, type OnnxRuntime } from './onnx-runtime';
import { createSentimentModel } from './sentiment-model';

/** The lane that is no protocol: the model runs in this tab, so `protocol` is outside ProtocolName on purpose. */
export const IN_BROWSER = 'in-browser';

export interface InBrowserClientOptions {
  /** Where the model files and onnxruntime-web's runtime are downloaded from (once, before the first prediction). */
  apiBaseUrl: string;
  /**
   * Image bytes → 224×224 RGB; by default a canvas in the page's worker (off-main-thread.ts), so images need a browser
   * unless another decoder is given.
   */
  decodeImage?: ImageDecoder;
}

export interface ModelLoadReport {
  model: { name: string; version: number };
  files: Array<{ file: string; bytes: number }>;
  /** Downloading the files and creating the session, in milliseconds. */
  loadMs: number;
}

/** ProtocolClient's predict and listModels, for a model run by onnxruntime-web in the browser. */
export interface InBrowserClient {
  readonly protocol: typeof IN_BROWSER;
  /** The models this lane can run (downloadable ones: the text and image classifiers), with their status. */
  listModels(): Promise<ModelDescriptor[]>;
  /** Downloads a model's files and creates its session; predict() calls it too. Rejects with an Error saying why. */
  load(model: string): Promise<ModelLoadReport>;
  /** load(), timed as a lane's connecting: what it took, or undefined when the model was loaded already. */
  connect(model: string): Promise<ConnectTime | undefined>;
  /** Runs in this tab: no network once the model is loaded. `wire` shows the tensors that went in and out. */
  predict(model: string, input: PredictionInput, options?: { topK?: number }): Promise<CallOutcome<PredictionResult>>;
  /** The commands that fetch what this lane runs (the model's files), to run them outside the page. */
  copyAs(model: string, input?: PredictionInput, options?: { topK?: number }): string;
  close(): void;
}

const BROWSER_KINDS: ReadonlySet<ModelDescriptor['kind']> = new Set(['text-sentiment', 'image-classification']);

/** Whether this lane can run a model of this kind (the others have no downloadable graph it knows how to feed). */
export const canRunInBrowser = (kind: ModelDescriptor['kind']) => BROWSER_KINDS.has(kind);

function errorOf(error: unknown): ProtocolError {
  if (error instanceof ModelFilesError) return error.error;
  if (error instanceof ModelWireError) return { code: error.code, message: error.message, native: 'in-browser check' };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), native: 'onnxruntime-web error' };
}

function wireOf(ort: OnnxRuntime | undefined, model: string, run: LocalRun | undefined): WireExchange {
  const threads = ort?.env.wasm.numThreads;
  const body = (tensors: LocalRun['inputs'] = []) => JSON.stringify(tensors, null, 2);
  return {
    request: {
      summary: `InferenceSession.run() in this tab: onnxruntime-web${ort ? ` ${ort.env.versions.web}` : ''}, WebAssembly`,
      headers: [['model', model], ['execution-provider', 'wasm'], ['threads', threads ? String(threads) : 'auto'], ['network', 'none']],
      body: body(run?.inputs),
      bytes: run?.inputs.reduce((sum, tensor) => sum + tensor.bytes, 0) ?? 0,
    },
    response: {
      summary: run ? 'outputs' : 'no outputs',
      headers: [],
      body: body(run?.outputs),
      bytes: run?.outputs.reduce((sum, tensor) => sum + tensor.bytes, 0) ?? 0,
    },
  };
}

export function createInBrowserClient(options: InBrowserClientOptions): InBrowserClient {
  const { apiBaseUrl } = options;
  const decodeImage = options.decodeImage ?? imagenetPixels;
  const models = new Map<string, Promise<{ local: LocalModel; report: ModelLoadReport }>>();
  const fileUrls = new Map<string, string[]>();
  /** Models whose session is ready: a prediction on one of them has nothing to load first. */
  const ready = new Set<string>();
  let runtime: OnnxRuntime | undefined;

  async function open(name: string) {
    const started = performance.now();
    const [ort, listing] = await Promise.all([loadOnnxRuntime(), fetchArtifactListing(apiBaseUrl, name)]);
    runtime = ort;
    const download = (entry: ArtifactEntry | undefined) => (entry ? fetchArtifact(apiBaseUrl, entry) : undefined);
    const [onnx, sidecar, labels] = await Promise.all(['model', 'sidecar', 'labels'].map((role) => download(entryWithRole(listing, role as ArtifactEntry['role']))));
    if (!onnx) throw new Error(`The server lists no ONNX file for "${name}".`);
    let local: LocalModel;
    if (sidecar) local = await createSentimentModel(ort, listing.model, parseSentimentSidecar(decodeJson(sidecar)), onnx);
    else if (labels) local = await createImagenetModel(ort, listing.model, onnx, (decodeJson(labels) as unknown[]).map(String), decodeImage);
    else throw new Error(`"${name}" has neither a sidecar nor labels; this lane cannot run it.`);
    const files = listing.files.map(({ file, bytes }) => ({ file, bytes }));
    fileUrls.set(name, listing.files.map((entry) => `${apiBaseUrl}${entry.url}`));
    return { local, report: { model: listing.model, files, loadMs: performance.now() - started } };
  }

  async function loadFirst(name: string): Promise<ConnectTime | undefined> {
    if (ready.has(name)) return undefined;
    const started = performance.now();
    await loaded(name);
    return { ms: since(started), what: 'downloaded the model and created its onnxruntime-web session' };
  }

  function loaded(name: string) {
    let model = models.get(name);
    if (!model) {
      model = open(name);
      model.then(() => ready.add(name), () => models.delete(name));
      models.set(name, model);
    }
    return model;
  }

  return {
    protocol: IN_BROWSER,
    async listModels() {
      const response = await fetch(`${apiBaseUrl}/v1/models`);
      if (!response.ok) throw new Error(`GET /v1/models answered HTTP ${response.status}`);
      const { models: all } = (await response.json()) as { models: ModelDescriptor[] };
      return all.filter((model) => canRunInBrowser(model.kind));
    },
    load: async (name) => (await loaded(name)).report,
    connect: loadFirst,
    async predict(name, input, predictOptions = {}) {
      let connect: ConnectTime | undefined;
      try {
        connect = await loadFirst(name);
      } catch (error) {
        return { ok: false, error: errorOf(error), roundTripMs: 0, wire: wireOf(runtime, name, undefined) };
      }
      const { local } = await loaded(name);
      const started = performance.now();
      try {
        const run = await local.run(input, predictOptions);
        const roundTripMs = since(started);
        const timing = { serverMs: roundTripMs, inferenceMs: run.inferenceMs, preprocessMs: run.preprocessMs };
        const callTiming: CallTiming = { connect, encodeMs: 0, server: { totalMs: roundTripMs, preprocessMs: run.preprocessMs, inferenceMs: run.inferenceMs, source: 'this-tab' }, decodeMs: 0, clock: 'page' };
        return { ok: true, value: { model: local.model, output: run.output, timing, cached: false }, roundTripMs, wire: wireOf(runtime, name, run), timing: callTiming };
      } catch (error) {
        return { ok: false, error: errorOf(error), roundTripMs: since(started), wire: wireOf(runtime, name, undefined) };
      }
    },
    copyAs(name) {
      const listingUrl = `${apiBaseUrl}/v1/models/${encodeURIComponent(name)}/artifacts`;
      const urls = fileUrls.get(name);
      const note = `# The in-browser lane downloads ${name}'s files once, then runs them with onnxruntime-web (WebAssembly) in the page.`;
      if (!urls) return `${note}\ncurl ${listingUrl}   # lists the files, with their SHA-256`;
      return `${note}\ncurl ${urls.map((url) => `-O ${url}`).join(' ')}`;
    },
    close() {
      fileUrls.clear();
      ready.clear();
      for (const model of models.values()) void model.then(({ local }) => local.release()).catch(() => {});
      models.clear();
    },
  };
}
