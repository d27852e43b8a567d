import { invalidInput } from '../../../lib/model-wire-error';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A request body as text; bytes that are not UTF-8 are refused rather than read as U+FFFD and scored. */
export function decodeUtf8Strictly(body: Buffer): string {
  try {
    return decoder.decode(body);
  } catch {
    throw invalidInput('The body is not valid UTF-8.');
  }
}
