// The in-browser lane: ModelWire's models run by onnxruntime-web in the page, beside the six protocols.
export { canRunInBrowser, createInBrowserClient, IN_BROWSER, type InBrowserClient, type InBrowserClientOptions, type ModelLoadReport } from './in-browser-client';
export type { ImageDecoder } from './imagenet-model';
export type { LocalRun, TensorSummary } from './local-run';
