'use client';

import type { InputKind, PredictionInput } from '../lib/contract';

export interface InputDraft {
  text: string;
  features: string;
  image: { name: string; bytes: Uint8Array } | undefined;
}

export const emptyDraft: InputDraft = { text: 'I love how fast this is!', features: '1, 2', image: undefined };

/** Turns what the person typed or picked into a prediction input, or says what is wrong with it. */
export function inputFromDraft(kind: InputKind, draft: InputDraft): PredictionInput | string {
  if (kind === 'text') return draft.text.trim() ? { kind: 'text', text: draft.text } : 'Type a sentence first.';
  if (kind === 'image') return draft.image ? { kind: 'image', image: draft.image.bytes } : 'Pick an image first.';
  const rows = draft.features
    .split(/\n|;/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/[\s,]+/).filter(Boolean).map(Number));
  if (rows.length === 0 || rows.some((row) => row.some((value) => !Number.isFinite(value)))) return 'Enter rows of numbers, e.g. "1, 2".';
  return { kind: 'features', rows };
}

interface InputEditorProps {
  kind: InputKind;
  draft: InputDraft;
  onChange(draft: InputDraft): void;
}

export function InputEditor({ kind, draft, onChange }: InputEditorProps) {
  if (kind === 'text') {
    return (
      <label className="field">
        Text
        <textarea rows={3} value={draft.text} onChange={(event) => onChange({ ...draft, text: event.target.value })} />
      </label>
    );
  }
  if (kind === 'features') {
    return (
      <label className="field">
        Feature rows (one row per line, numbers separated by commas)
        <textarea rows={3} value={draft.features} onChange={(event) => onChange({ ...draft, features: event.target.value })} />
      </label>
    );
  }
  return (
    <label className="field">
      Image (JPEG, PNG or WebP)
      <input
        type="file"
        accept="image/*"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) onChange({ ...draft, image: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } });
        }}
      />
    </label>
  );
}
