import { invalidInput } from './model-wire-error';

// The one rule for model names, checked by the core for every request on every protocol and by the browser's train form.
// Names become file names under DATA_DIR and MQTT topic levels, so nothing path-like or wildcard-like gets through.

export const MAX_MODEL_NAME_LENGTH = 64;

const MODEL_NAME = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MAX_MODEL_NAME_LENGTH - 1}}$`);

export const MODEL_NAME_RULE = `A model name is 1 to ${MAX_MODEL_NAME_LENGTH} letters, digits, ".", "_" or "-", starting with a letter or digit.`;

export const isModelName = (name: unknown): name is string => typeof name === 'string' && MODEL_NAME.test(name);

/** invalid_input, with the same message on every protocol, for anything that cannot be a model's name. */
export function assertModelName(name: unknown): asserts name is string {
  if (!isModelName(name)) throw invalidInput(MODEL_NAME_RULE, { maxLength: MAX_MODEL_NAME_LENGTH });
}
