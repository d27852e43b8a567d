import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { splitBinaryFrame } from '../../lib/websocket-binary-frame';
import { createInbox } from './hostile-inbox';
import type { SocketResult } from './hostile-mqtt-wire';
import type { Outcome, WireRequest } from './hostile-shape';

// WebSocket two ways: a `ws` client for requests and replies (a fresh socket after the server closed one), and frames
// written by hand on a TCP socket, for what a well-behaved client library refuses to send.

/** A WebSocket upgrade request for `path`, as a browser would send it (plus any extra header lines). */
export const upgradeRequest = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

/** A client frame (FIN set, masked, as RFC 6455 requires of clients). */
export function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  return Buffer.concat([header, mask, Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))]);
}

export const closeFrame = (code: number) => maskedFrame(0x8, Buffer.from([code >> 8, code & 0xff]));

/** What the server sent after its 101: text frames and the close frame's code, in order. */
export function serverFrames(data: Buffer): Array<{ text: string } | { close: number }> {
  const frames: Array<{ text: string } | { close: number }> = [];
  let at = data.indexOf('\r\n\r\n') + 4;
  while (at > 3 && at + 2 <= data.length) {
    const opcode = data[at]! & 0x0f;
    let length = data[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) [length, start] = [data.readUInt16BE(at + 2), at + 4];
    else if (length === 127) [length, start] = [Number(data.readBigUInt64BE(at + 2)), at + 10];
    const payload = data.subarray(start, start + length);
    if (opcode === 0x1) frames.push({ text: payload.toString('utf8') });
    if (opcode === 0x8) frames.push({ close: payload.length >= 2 ? payload.readUInt16BE(0) : 1005 });
    at = start + length;
  }
  return frames;
}

/** A raw exchange read as WebSocket: the refused upgrade's status, a reply, or the server's close. */
export function rawWebSocketOutcome(result: SocketResult): Outcome {
  const statusLine = result.data.toString('latin1').split('\r\n', 1)[0] ?? '';
  // Node answers a request that did not arrive in time with a bare 408 and closes the connection.
  if (/^HTTP\/1\.1 408 /.test(statusLine)) return { kind: 'closed', native: 'HTTP 408 Request Timeout', afterMs: result.afterMs };
  if (statusLine && !statusLine.includes(' 101 ')) return { kind: 'refused', native: `upgrade refused: ${statusLine}` };
  const frames = serverFrames(result.data);
  const closeAt = frames.findIndex((frame) => 'close' in frame);
  const repliesAfterClose = frames.slice(closeAt + 1).filter((frame) => 'text' in frame);
  if (closeAt >= 0 && repliesAfterClose.length === 0) return { kind: 'closed', native: `close frame ${(frames[closeAt] as { close: number }).close}`, afterMs: result.afterMs };
  if (result.ended === 'closed') return { kind: 'closed', native: 'connection closed without a close frame', afterMs: result.afterMs };
  return { kind: 'answer', native: `${frames.length} frames, none closing`, text: JSON.stringify(frames) };
}

/** The request id a frame carries (text JSON, or a binary frame's header), when it can be read at all. */
function requestIdOf(request: WireRequest): unknown {
  try {
    return request.binary ? (splitBinaryFrame(request.body).header as { id?: unknown }).id : JSON.parse(request.body.toString('utf8')).id;
  } catch {
    return undefined;
  }
}

type Reply = { id?: unknown; type?: string; error?: { code?: string; retryable?: boolean } };

/** A `ws` client on /ws that waits for each request's reply (by id, or an error without id for unreadable frames). */
export function createWebSocketRequester(url: () => string) {
  let socket: WebSocket | undefined;
  let closeCode: number | undefined;
  const replies = createInbox<Reply>();

  async function current(): Promise<WebSocket> {
    if (socket?.readyState === WebSocket.OPEN) return socket;
    const opened = new WebSocket(url());
    opened.on('message', (data) => replies.push(JSON.parse(data.toString())));
    opened.on('close', (code) => {
      closeCode = code;
      replies.poke();
    });
    opened.on('error', () => undefined);
    await new Promise((resolve, reject) => opened.once('open', resolve).once('error', reject));
    closeCode = undefined;
    return (socket = opened);
  }

  return {
    async request(request: WireRequest, timeoutMs = 3000): Promise<Outcome> {
      const started = performance.now();
      const ws = await current();
      const id = requestIdOf(request);
      const since = replies.size;
      ws.send(request.body, { binary: request.binary ?? false });
      // A frame whose id the server cannot read (or use) is answered by an error without one.
      const answers = (reply: Reply) => (id !== undefined && reply.id === id) || (reply.type === 'error' && reply.id === undefined);
      const result = await replies.wait(since, answers, () => ws.readyState !== WebSocket.OPEN, timeoutMs);
      if ('timeout' in result) return { kind: 'silence', afterMs: timeoutMs };
      if ('gone' in result) return { kind: 'closed', native: `close code ${closeCode}`, afterMs: performance.now() - started };
      const text = JSON.stringify(result.item);
      if (result.item.type !== 'error') return { kind: 'answer', native: `${result.item.type} message`, text };
      return { kind: 'error', code: String(result.item.error?.code), native: `error message (retryable: ${result.item.error?.retryable})`, text };
    },
    close: () => socket?.close(),
  };
}
