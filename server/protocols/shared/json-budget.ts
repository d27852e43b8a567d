import { ModelWireError } from '../../../lib/model-wire-error';

// JSON.parse blocks the event loop, and its cost is not the byte count: 20 MiB of one base64 string parses in ~20 ms,
// 20 MiB of decimals in ~0.3 s, of `[1,2],` rows in ~2.3 s and of `{},` in ~3.6 s (measured on a 2-core machine). So a
// JSON body or message is also held to a budget of what is outside its strings, checked by a scan that skips strings
// whole (a base64 image costs one indexOf) before anything parses it. Within the budget a parse takes ~0.2 s at most.

export interface JsonBudget {
  /** Characters outside string values (numbers, punctuation, whitespace): 5 MiB of numbers parse in ~0.1 s. */
  maxStructureChars: number;
  /** Values, counted by their separating commas. */
  maxValues: number;
  /** Arrays and objects: each costs JSON.parse ~0.3 µs, and the validators behind it more. */
  maxContainers: number;
}

export const JSON_BUDGET: JsonBudget = { maxStructureChars: 5 * 1024 * 1024, maxValues: 2_000_000, maxContainers: 100_000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;

/** The index of the quote closing the string that opens at `start`, or the text's length when there is none. */
function endOfString(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

export const jsonTooLarge = (what: string, max: number) =>
  new ModelWireError('too_large', `The JSON holds more than ${max.toLocaleString('en')} ${what}; send less per request.`, { limit: 'json_structure', max });

/**
 * Throws too_large when `text` holds more than the budget allows, without parsing it. Malformed JSON passes: the parser
 * that runs next says what is wrong with it.
 */
export function assertJsonWithinBudget(text: string, { maxStructureChars, maxValues, maxContainers }: JsonBudget = JSON_BUDGET): void {
  let outside = 0;
  let values = 0;
  let containers = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (++outside > maxStructureChars) throw jsonTooLarge('characters outside strings (numbers, brackets, commas)', maxStructureChars);
    if (code === COMMA) values++;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) containers++;
  }
  if (values > maxValues) throw jsonTooLarge('values', maxValues);
  if (containers > maxContainers) throw jsonTooLarge('arrays and objects', maxContainers);
}

/** assertJsonWithinBudget as a test. */
export function isJsonWithinBudget(text: string, budget: JsonBudget = JSON_BUDGET): boolean {
  try {
    assertJsonWithinBudget(text, budget);
    return true;
  } catch {
    return false;
  }
}
