'use client';

import type { ModelDescriptor, PredictionInput } from '../lib/contract';
import { ImageDrop, type PickedImage } from './image-drop';

export interface InputDraft {
  text: string;
  features: string;
  image: PickedImage | undefined;
}

export const emptyDraft: InputDraft = { text: 'I love how fast this is!', features: '1, 2', image: undefined };

/** Turns what the person typed or picked into a prediction input, or says what is wrong with it. */
export function inputFromDraft(model: Pick<ModelDescriptor, 'input' | 'featureCount'>, draft: InputDraft): PredictionInput | string {
  if (model.input === 'text') return draft.text.trim() ? { kind: 'text', text: draft.text } : 'Type a sentence first.';
  if (model.input === 'image') return draft.image ? { kind: 'image', image: draft.image.bytes } : 'Drop, choose or paste an image first.';
  const rows = draft.features
    .split(/\n|;/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/[\s,]+/).filter(Boolean).map(Number));
  if (rows.length === 0 || rows.some((row) => row.some((value) => !Number.isFinite(value)))) return 'Enter a row of numbers, e.g. "1, 2".';
  return { kind: 'features', rows };
}

/** A draft whose feature rows have the width a linear model expects, so switching models gives a valid example. */
export function fitDraftTo(model: Pick<ModelDescriptor, 'input' | 'featureCount'>, draft: InputDraft): InputDraft {
  const width = model.featureCount;
  if (model.input !== 'features' || !width) return draft;
  const firstRow = draft.features.split(/\n|;/)[0]?.split(/[\s,]+/).filter(Boolean) ?? [];
  if (firstRow.length === width) return draft;
  return { ...draft, features: Array.from({ length: width }, (_, i) => i + 1).join(', ') };
}

interface InputEditorProps {
  model: Pick<ModelDescriptor, 'input' | 'featureCount'>;
  draft: InputDraft;
  onChange(draft: InputDraft): void;
}

/** The input box that fits the model: a text box, an image, or rows of numbers. */
export function InputEditor({ model, draft, onChange }: InputEditorProps) {
  if (model.input === 'text') {
    return (
      <label className="field">
        Text
        <textarea rows={3} value={draft.text} onChange={(event) => onChange({ ...draft, text: event.target.value })} />
      </label>
    );
  }
  if (model.input === 'features') {
    return (
      <label className="field">
        Features{model.featureCount ? ` (${model.featureCount} numbers per row; one row per line)` : ' (one row per line)'}
        <textarea rows={2} value={draft.features} spellCheck={false} onChange={(event) => onChange({ ...draft, features: event.target.value })} />
      </label>
    );
  }
  return <ImageDrop image={draft.image} onImage={(image) => onChange({ ...draft, image })} />;
}
