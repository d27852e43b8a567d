// One lazily opened WebSocket to /ws, shared by every call and stream of a client: requests carry ids, replies are
// matched back to them through a pending map, and a closed connection is opened again by the next call.

/** The part of the WebSocket API used here: the browser's global `WebSocket`, or `ws`'s class in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | Uint8Array | Blob): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: (event: unknown) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** One JSON text frame from the server, as received. */
export interface ServerFrame {
  text: string;
  message: Record<string, unknown>;
  /** performance.now() when the frame arrived, before it was parsed. */
  receivedAt: number;
}

export interface ConnectionClosed {
  code: number;
  reason: string;
}

export type RequestOutcome =
  | { kind: 'reply'; frame: ServerFrame }
  | { kind: 'closed'; closed: ConnectionClosed }
  | { kind: 'timeout'; timeoutMs: number };

export interface WebSocketConnection {
  readonly url: string;
  /**
   * Opens the connection unless it is open; resolves true when it had to wait for it to open (so the caller can show
   * connecting apart), false when it was open. Rejects when it cannot be opened.
   */
  open(): Promise<boolean>;
  /** Sends one frame and resolves with the first `result` or `error` message carrying `id`. */
  request(id: string, frame: string | Uint8Array | Blob): Promise<RequestOutcome>;
  /** Sends a frame without waiting for anything (stream pushes). */
  send(frame: string): Promise<void>;
  /** Every message carrying `id` that no request is waiting for (stream updates). Returns the unsubscribe. */
  listen(id: string, onFrame: (frame: ServerFrame) => void): () => void;
  /** Called once for each time an open connection closes. Returns the unsubscribe. */
  onClose(listener: (closed: ConnectionClosed) => void): () => void;
  close(): void;
}

const OPEN = 1;

interface Pending {
  finish(outcome: RequestOutcome): void;
  bytes: number;
  /** The socket the frame went out on: only its close ends the wait (a newer socket may be open by then). */
  socket: WebSocketLike;
}

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export function createWebSocketConnection(url: string, createSocket: (url: string) => WebSocketLike, timeoutMs: number): WebSocketConnection {
  let socket: Promise<WebSocketLike> | undefined;
  let openSocket: WebSocketLike | undefined;
  const pending = new Map<string, Pending>();
  const listeners = new Map<string, (frame: ServerFrame) => void>();
  const closeListeners = new Set<(closed: ConnectionClosed) => void>();

  /**
   * An error without an id answers a frame whose id the server could not read; ours always have one, so it is the
   * server refusing a frame before reading it (over its message size limit): the largest waiting frame, oldest first.
   */
  function anonymousTarget(): Pending | undefined {
    let target: Pending | undefined;
    for (const entry of pending.values()) if (!target || entry.bytes > target.bytes) target = entry;
    return target;
  }

  function dispatch(data: unknown) {
    const receivedAt = performance.now();
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : undefined;
    const message = text === undefined ? undefined : parseObject(text);
    if (text === undefined || !message) return;
    const frame = { text, message, receivedAt };
    const id = message.id === undefined ? undefined : String(message.id);
    const waiting = id === undefined ? (message.type === 'error' ? anonymousTarget() : undefined) : pending.get(id);
    if (waiting && (message.type === 'result' || message.type === 'error')) return waiting.finish({ kind: 'reply', frame });
    if (id !== undefined) listeners.get(id)?.(frame);
  }

  function connect(): Promise<WebSocketLike> {
    // A socket the server has begun to close (its close frame came, the close event not yet) takes no new frame:
    // a call in that moment goes out on a new connection rather than failing unsent.
    const closing = openSocket !== undefined && openSocket.readyState !== OPEN;
    if (socket && !closing) return socket;
    openSocket = undefined;
    const opening = new Promise<WebSocketLike>((resolve, reject) => {
      const ws = createSocket(url);
      ws.binaryType = 'arraybuffer';
      let opened = false;
      ws.addEventListener('open', () => {
        opened = true;
        openSocket = ws;
        resolve(ws);
      });
      ws.addEventListener('error', () => {}); // always followed by `close`, which says what happened
      ws.addEventListener('message', (event) => dispatch(event.data));
      ws.addEventListener('close', ({ code, reason }) => {
        if (socket === opening) socket = undefined;
        if (openSocket === ws) openSocket = undefined;
        if (!opened) return reject(new Error(`Could not open a WebSocket to ${url} (close code ${code}${reason ? `: ${reason}` : ''}).`));
        const closed = { code, reason };
        for (const entry of [...pending.values()]) if (entry.socket === ws) entry.finish({ kind: 'closed', closed });
        for (const listener of [...closeListeners]) listener(closed);
      });
    });
    socket = opening;
    opening.catch(() => {
      if (socket === opening) socket = undefined; // the next call tries again
    });
    return opening;
  }

  return {
    url,
    async open() {
      if (socket && openSocket?.readyState === OPEN) return false;
      await connect();
      return true;
    },
    async request(id, frame) {
      const ws = await connect();
      return new Promise<RequestOutcome>((resolve) => {
        const timer = setTimeout(() => finish({ kind: 'timeout', timeoutMs }), timeoutMs);
        function finish(outcome: RequestOutcome) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(outcome);
        }
        if (ws.readyState !== OPEN) return finish({ kind: 'closed', closed: { code: 1006, reason: 'the connection closed before the frame was sent' } });
        pending.set(id, { finish, bytes: typeof frame === 'string' ? frame.length : frame instanceof Blob ? frame.size : frame.byteLength, socket: ws });
        ws.send(frame);
      });
    },
    async send(frame) {
      (await connect()).send(frame);
    },
    listen(id, onFrame) {
      listeners.set(id, onFrame);
      return () => void (listeners.get(id) === onFrame && listeners.delete(id));
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
    close() {
      const current = socket;
      socket = undefined;
      void current?.then((ws) => ws.close(1000, 'client closed'), () => undefined);
    },
  };
}
