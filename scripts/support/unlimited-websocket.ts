/**
 * The server's environment with its per-connection WebSocket limits (50 messages/s, 8 in flight by default) lifted:
 * the benches drive one connection as fast as it answers, and measure the protocol and the server, not that policy.
 */
export const UNLIMITED_WEBSOCKET: Readonly<Record<string, string>> = { WS_MESSAGES_PER_SECOND: '1000000', WS_MESSAGE_BURST: '1000000', WS_MAX_IN_FLIGHT: '1024' };
