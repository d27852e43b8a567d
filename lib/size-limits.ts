// The size limits every protocol shares, so the same file gets the same answer on every lane (README, "Limits").

const MIB = 1024 * 1024;

/** The largest request any protocol reads: HTTP body, SOAP envelope, gRPC message, WebSocket frame, MQTT payload. */
export const MAX_BODY_BYTES = 20 * MIB;

/**
 * The largest image file a model is given, on every protocol and in every encoding: as base64 it is 20,000,000
 * characters, which still fits in MAX_BODY_BYTES with room for the rest of a JSON body or a SOAP envelope.
 */
export const MAX_IMAGE_BYTES = 15_000_000;
