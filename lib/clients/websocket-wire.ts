// What the WebSocket client shows of its frames (wire view), how it reads the protocol's errors, and its copy-as text.
import type { ErrorBody } from '../contract';
import { ModelWireError } from '../model-wire-error';
import { TOKEN_VARIABLE } from './authorization-header';
import type { ProtocolError, WireMessage } from './protocol-client';
import { byteLength, prettyJson, shellQuote, shorten, toHex } from './wire-format';
import type { ConnectionClosed, ServerFrame } from './websocket-connection';

const CLOSE_CODE_NAMES: Record<number, string> = {
  1000: 'Normal Closure',
  1001: 'Going Away',
  1002: 'Protocol Error',
  1003: 'Unsupported Data',
  1005: 'No Status Received',
  1006: 'Abnormal Closure',
  1007: 'Invalid Frame Payload Data',
  1008: 'Policy Violation',
  1009: 'Message Too Big',
  1011: 'Internal Error',
  1013: 'Try Again Later',
};

/** The RFC 6455 frame header fields a learner can read: client frames are masked, server frames are not. */
function frameHeaders(opcode: 'text' | 'binary', payloadBytes: number, fromClient: boolean): Array<[string, string]> {
  return [
    ['FIN', '1'],
    ['opcode', opcode === 'text' ? '0x1 (text)' : '0x2 (binary)'],
    ['MASK', fromClient ? '1 (every client-to-server frame is masked)' : '0'],
    ['payload length', String(payloadBytes)],
  ];
}

const describe = (message: Record<string, unknown>) => `${String(message.type)}${message.id === undefined ? '' : `, id ${String(message.id)}`}`;

export function sentTextFrame(text: string, message: Record<string, unknown>): WireMessage {
  const bytes = byteLength(text);
  return { summary: `WebSocket SEND text frame (${describe(message)})`, headers: frameHeaders('text', bytes, true), body: shorten(prettyJson(text)), bytes };
}

/**
 * A binary frame: [uint32 big-endian header length][UTF-8 JSON header][image bytes], shown decoded and as hex;
 * `frameStart` is its first bytes (the hex shows 256), `frameBytes` its whole size.
 */
export function sentBinaryFrame(frameStart: Uint8Array, frameBytes: number, header: Record<string, unknown>, imageBytes: number): WireMessage {
  const headerText = JSON.stringify(header);
  const body = [
    `header length (uint32, big-endian): ${byteLength(headerText)}`,
    `header (UTF-8 JSON): ${JSON.stringify(header, null, 2)}`,
    `image: ${imageBytes} bytes`,
  ].join('\n');
  return { summary: `WebSocket SEND binary frame (${describe(header)})`, headers: frameHeaders('binary', frameBytes, true), body, bytes: frameBytes, hex: toHex(frameStart, 256) };
}

export function receivedTextFrame({ text, message }: ServerFrame): WireMessage {
  const bytes = byteLength(text);
  return { summary: `WebSocket RECV text frame (${describe(message)})`, headers: frameHeaders('text', bytes, false), body: shorten(prettyJson(text)), bytes };
}

export const closeCodeText = (code: number) => `close code ${code}${CLOSE_CODE_NAMES[code] ? ` (${CLOSE_CODE_NAMES[code]})` : ''}`;

export function closeFrame({ code, reason }: ConnectionClosed): WireMessage {
  return { summary: `WebSocket connection closed: ${closeCodeText(code)}`, headers: [], body: reason, bytes: code === 1005 || code === 1006 ? 0 : 2 + byteLength(reason) };
}

export const noReply = (timeoutMs: number): WireMessage => ({ summary: `(no reply within ${timeoutMs} ms)`, headers: [], body: '', bytes: 0 });

/** `{"type":"error","error":{code,message,details}}`: the protocol's own error message, matched by its request id. */
export function errorMessageOf(message: Record<string, unknown>): ProtocolError {
  const error = (message.error ?? {}) as Partial<ErrorBody>;
  const code = ModelWireError.isCode(error.code) ? error.code : 'internal';
  return {
    code,
    message: typeof error.message === 'string' ? error.message : 'The server answered an error message without a message.',
    native: `error message code=${typeof error.code === 'string' ? error.code : 'none'}`,
    ...(error.details ? { details: error.details } : {}),
  };
}

/** The contract code closest to a close code: the connection itself failed, there was no error message. */
function closeErrorCode(code: number): ProtocolError['code'] {
  switch (code) {
    case 1009:
      return 'too_large';
    case 1007:
    case 1003:
      return 'invalid_input';
    case 1008:
      return 'forbidden';
    case 1013:
      return 'overloaded';
    default:
      return 'internal';
  }
}

export function closeErrorOf({ code, reason }: ConnectionClosed): ProtocolError {
  return {
    code: closeErrorCode(code),
    message: `The server closed the connection before answering${reason ? `: ${reason}` : ''}.`,
    native: closeCodeText(code),
  };
}

export const timeoutErrorOf = (timeoutMs: number): ProtocolError => ({
  code: 'internal',
  message: `No reply came within ${timeoutMs} ms; the connection stays open and a later reply is ignored.`,
  native: `no reply within ${timeoutMs} ms`,
});

/**
 * A `websocat` one-liner for JSON requests; a short Node.js `ws` script for an image, which travels as one binary frame.
 * Signed in, the URL takes `?access_token=$TOKEN` (the shell's variable, never the token itself).
 */
export function webSocketCopyAs(url: string, request: Record<string, unknown>, image: boolean, signedIn = false): string {
  if (!image) return `echo ${shellQuote(JSON.stringify(request))} | websocat -n1 ${signedIn ? `"${url}?access_token=${TOKEN_VARIABLE}"` : url}`;
  const socketUrl = signedIn ? `${JSON.stringify(`${url}?access_token=`)} + encodeURIComponent(process.env.TOKEN)` : JSON.stringify(url);
  return [
    `# Node.js with ws (npm i ws); photo.jpg in this folder. One binary frame: 4-byte header length, JSON header, image bytes.`,
    `${signedIn ? `TOKEN="${TOKEN_VARIABLE}" ` : ''}node --input-type=module <<'EOF'`,
    `import { readFileSync } from 'node:fs';`,
    `import WebSocket from 'ws';`,
    `const header = Buffer.from(JSON.stringify(${JSON.stringify(request)}));`,
    `const length = Buffer.alloc(4);`,
    `length.writeUInt32BE(header.length);`,
    `const socket = new WebSocket(${socketUrl});`,
    `socket.on('open', () => socket.send(Buffer.concat([length, header, readFileSync('photo.jpg')])));`,
    `socket.on('message', (data) => { console.log(String(data)); socket.close(); });`,
    `EOF`,
  ].join('\n');
}
