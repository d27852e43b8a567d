import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { encodeBody, type EncodedBody } from '../encoding/encoded-body';
import { authorizationFlag, authorizationHeader, shownHeaders } from './authorization-header';
import { since } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import type { CallOutcome, ProtocolClient, ProtocolError, WireExchange } from './protocol-client';
import {
  listModelsEnvelope,
  predictEnvelope,
  prettyXml,
  SOAP_CONTENT_TYPE,
  soapActionOf,
  trainEnvelope,
  type SoapOperation,
} from './soap-envelope';
import { bodyElementOf, faultErrorOf, isFault, modelsOf, predictResultOf, trainResultOf } from './soap-response';
import { httpCallTiming, timedFetch } from './timed-fetch';
import type { XmlElement } from './xml-reader';
import { byteLength, headersOf, shellQuote, shorten } from './wire-format';

const xmlMessage = (summary: string, headers: Array<[string, string]>, xml: string, bytes = byteLength(xml)) => ({
  summary,
  headers,
  body: shorten(prettyXml(xml)),
  bytes,
});

/** The Predict envelope; an image's base64 is encoded off the main thread. */
const predictRequest = (model: string, input: PredictionInput, topK: number | undefined) =>
  encodeBody((imageText) => predictEnvelope(model, input, topK, imageText), input.kind === 'image' ? input.image : undefined);

/** Text that is no SOAP envelope (a proxy's error page, a 404 from another route) as an error in HTTP's words. */
function notSoapError(status: number, statusText: string, reason: string): ProtocolError {
  return { code: 'internal', message: `The server did not answer a SOAP envelope (${reason}).`, native: `HTTP ${status} ${statusText}`.trim() };
}

/** Escapes what an unquoted here-document would expand, so only the intended $(...) runs. */
const hereDocumentSafe = (text: string) => text.replace(/[\\$`]/g, (char) => `\\${char}`);

/**
 * SOAP 1.1 over fetch: a hand-built envelope per operation of ModelWireService at /soap, answers read as XML. The token
 * travels in the HTTP Authorization header, as for every protocol over HTTP (no WS-Security header).
 */
export function createSoapClient(baseUrl: string, { credentials = sharedCredentials }: CredentialOption = {}): ProtocolClient {
  const url = `${baseUrl}/soap`;

  async function call<T>(operation: SoapOperation, envelope: EncodedBody, read: (response: XmlElement) => T, signal?: AbortSignal): Promise<CallOutcome<T>> {
    const requestHeaders: Array<[string, string]> = [
      ['content-type', SOAP_CONTENT_TYPE],
      ['SOAPAction', `"${soapActionOf(operation)}"`],
      ...authorizationHeader(credentials),
    ];
    const exchange = await timedFetch(url, { method: 'POST', headers: requestHeaders, body: envelope.body, signal });
    const { response, text, roundTripMs } = exchange;
    /** The outcome, once the answer has been read (decoded). */
    const answer = (outcome: { ok: true; value: T } | { ok: false; error: ProtocolError }): CallOutcome<T> => {
      const timing = httpCallTiming(exchange, envelope.encodeMs, since(exchange.receivedAt));
      const wire: WireExchange = {
        request: xmlMessage('POST /soap HTTP/1.1', shownHeaders(requestHeaders), envelope.shown, envelope.bytes),
        response: xmlMessage(`HTTP/1.1 ${response.status} ${response.statusText}`, headersOf(response.headers), text),
      };
      return { ...outcome, roundTripMs, wire, timing };
    };
    let content: XmlElement;
    try {
      content = bodyElementOf(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return answer({ ok: false, error: notSoapError(response.status, response.statusText, reason) });
    }
    if (isFault(content)) return answer({ ok: false, error: faultErrorOf(content) });
    try {
      return answer({ ok: true, value: read(content) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return answer({ ok: false, error: notSoapError(response.status, response.statusText, `unreadable ${content.localName}: ${reason}`) });
    }
  }

  return {
    protocol: 'soap',
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await call('ListModels', await encodeBody(listModelsEnvelope), modelsOf);
      if (!outcome.ok) throw new Error(`SOAP ListModels failed: ${outcome.error.native}`);
      return outcome.value;
    },
    predict: async (model, input, options = {}) => call<PredictionResult>('Predict', await predictRequest(model, input, options.topK), predictResultOf, options.signal),
    train: async (model, request) => call<TrainResult>('Train', await encodeBody(() => trainEnvelope(model, request)), trainResultOf),
    copyAs(model, input, options = {}) {
      const headers = `-H 'content-type: ${SOAP_CONTENT_TYPE}' -H 'SOAPAction: "${soapActionOf('Predict')}"'${authorizationFlag(credentials)}`;
      if (input.kind !== 'image') return `curl -X POST ${url} ${headers} -d ${shellQuote(predictEnvelope(model, input, options.topK))}`;
      // The photo's base64 goes into <mw:image> through a here-document, instead of megabytes on the command line.
      const envelope = hereDocumentSafe(predictEnvelope(model, input, options.topK, '__IMAGE__'));
      return `curl -X POST ${url} ${headers} --data-binary @- <<EOF\n${envelope.replace('__IMAGE__', "$(base64 < photo.jpg | tr -d '\\n')")}EOF`;
    },
    close() {},
  };
}
