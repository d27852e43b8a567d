import { randomBytes } from 'node:crypto';

// node-soap parses with sax, which walks every character in JavaScript: a 20 MiB envelope holding one base64 image
// blocks the event loop ~0.45 s in the parser alone. Long texts are therefore lifted out of the envelope before
// node-soap parses it, each replaced by a short token, and put back into the parsed arguments (trimmed, as node-soap
// trims text). Only a run between a '>' and the next '<' holding no '>', '&' or quote is lifted: such a run has no
// markup or entity that could change what the parser sees, and cannot sit in an attribute value (reaching the next
// '<' from inside one means passing its closing quote), so it is element text, or inside a comment or CDATA.

/** Shorter texts are left to the parser: lifting them would save nothing worth the bookkeeping. */
const MIN_LIFTED_CHARS = 64 * 1024;
const MARKUP_OR_QUOTE = /[>&"']/;

export interface LiftedXml {
  /** The envelope with its long texts replaced by tokens. */
  xml: string;
  /** A copy of `value` (node-soap's parsed arguments) with every token inside its strings replaced by its text. */
  restore<T>(value: T): T;
}

export function liftLongTexts(xml: string): LiftedXml {
  const texts = new Map<string, string>();
  // Drawn only once a text is lifted: randomBytes on every request was 4% of a SOAP call's CPU.
  let prefix = '';
  const kept: string[] = [];
  let copiedTo = 0;
  for (let open = xml.indexOf('>'); open >= 0; open = xml.indexOf('>', open + 1)) {
    const close = xml.indexOf('<', open + 1);
    if (close < 0) break;
    if (close - open - 1 >= MIN_LIFTED_CHARS) {
      const text = xml.slice(open + 1, close);
      const trimmed = text.trim();
      if (trimmed !== '' && !MARKUP_OR_QUOTE.test(text)) {
        prefix ||= `mwlifted${randomBytes(8).toString('hex')}n`;
        const token = `${prefix}${texts.size}`;
        texts.set(token, trimmed);
        kept.push(xml.slice(copiedTo, open + 1), token);
        copiedTo = close;
      }
    }
    open = close;
  }
  if (texts.size === 0) return { xml, restore: (value) => value };
  kept.push(xml.slice(copiedTo));
  const tokens = new RegExp(`${prefix}\\d+`, 'g');
  const restoreString = (text: string) => (text.includes(prefix) ? text.replace(tokens, (token) => texts.get(token) ?? token) : text);
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') return restoreString(value);
    if (Array.isArray(value)) return value.map(restore);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restore(item)]));
    return value;
  };
  return { xml: kept.join(''), restore: <T>(value: T) => restore(value) as T };
}
