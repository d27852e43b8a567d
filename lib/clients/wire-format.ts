import type { PredictionInput } from '../contract';
import type { WireMessage } from './protocol-client';

const encoder = new TextEncoder();

export const byteLength = (text: string) => encoder.encode(text).length;

/** Long payloads (base64 images) shortened for display; the byte count always reports the real size. */
export function shorten(text: string, max = 4000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function toHex(bytes: Uint8Array, max = 512): string {
  const shown = Array.from(bytes.subarray(0, max), (byte) => byte.toString(16).padStart(2, '0'));
  const lines: string[] = [];
  for (let i = 0; i < shown.length; i += 16) lines.push(shown.slice(i, i + 16).join(' '));
  return bytes.length > max ? `${lines.join('\n')}\n… (${bytes.length - max} more bytes)` : lines.join('\n');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const headersOf = (headers: Headers): Array<[string, string]> => [...headers];

export const prettyJson = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** A plain HTTP message for the wire view. */
export function httpMessage(summary: string, headers: Array<[string, string]>, body: string, bytes = byteLength(body)): WireMessage {
  return { summary, headers, body: shorten(prettyJson(body)), bytes };
}

/** Shell single-quoting for copy-as snippets. */
export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A shell group printing `before`, photo.jpg's base64 on one line, then `after`: a JSON body with the image in it, for a
 * command's stdin (a photo's base64 can outgrow a command-line argument).
 */
export const photoBase64Between = (before: string, after: string) =>
  `{ printf %s ${shellQuote(before)}; base64 < photo.jpg | tr -d '\\n'; printf %s ${shellQuote(after)}; }`;

/**
 * The JSON fields REST and MQTT carry for an input: text, feature rows, or the image as base64 (+ topK); `imageBase64`
 * stands in for the image's base64 (a placeholder, a preview).
 */
export function jsonInputFields(input: PredictionInput, topK: number | undefined, imageBase64?: string): Record<string, unknown> {
  const options = topK === undefined ? {} : { topK };
  switch (input.kind) {
    case 'text':
      return { text: input.text, ...options };
    case 'features':
      return { features: input.rows, ...options };
    case 'image':
      return { image: imageBase64 ?? toBase64(input.image), ...options };
  }
}
