'use client';

import { useId } from 'react';
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
  onReadingChange?(reading: boolean): void;
}

/** The input box that fits the model: a text box, an image, or rows of numbers. */
export function InputEditor({ model, draft, onChange, onReadingChange }: InputEditorProps) {
  const id = useId();
  if (model.input === 'image') return <ImageDrop image={draft.image} onImage={(image) => onChange({ ...draft, image })} onReadingChange={onReadingChange} />;
  // A label beside (not around) the textarea, so the box's accessible name is exactly the label.
  const text = model.input === 'text';
  return (
    <div className="field">
      <label htmlFor={id}>{text ? 'Text' : 'Features'}</label>
      {text ? null : (
        <span className="muted small" id={`${id}-hint`}>
          {model.featureCount ? `${model.featureCount} numbers per row, separated by commas; one row per line` : 'Numbers separated by commas; one row per line'}
        </span>
      )}
      <textarea
        id={id}
        rows={text ? 3 : 2}
        spellCheck={text}
        aria-describedby={text ? undefined : `${id}-hint`}
        value={text ? draft.text : draft.features}
        onChange={(event) => onChange(text ? { ...draft, text: event.target.value } : { ...draft, features: event.target.value })}
      />
    </div>
  );
}
