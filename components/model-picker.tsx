'use client';

import Link from 'next/link';
import type { ModelDescriptor, ModelKind } from '../lib/contract';

interface ModelPickerProps {
  models: ModelDescriptor[];
  selected: string | undefined;
  onSelect(name: string): void;
}

const KIND_LABELS: Record<ModelKind, string> = {
  'text-sentiment': 'text → sentiment',
  'image-classification': 'image → ImageNet labels',
  'linear-regression': 'numbers → linear regression',
};

/**
 * The served models as radio buttons. Missing ones stay pickable, so a learner can watch each protocol say
 * "not installed" in its own way, and show the command that installs them.
 */
export function ModelPicker({ models, selected, onSelect }: ModelPickerProps) {
  const hasLinear = models.some((model) => model.kind === 'linear-regression');
  return (
    <fieldset className="model-picker">
      <legend>Model</legend>
      {models.map((model) => {
        const ready = model.status === 'ready';
        return (
          <label key={model.name} className={ready ? 'model-option' : 'model-option unavailable'}>
            <input type="radio" name="model" value={model.name} checked={model.name === selected} onChange={() => onSelect(model.name)} />
            <span className="model-name">{model.name}</span>
            <span className="model-kind">
              {KIND_LABELS[model.kind]}
              {ready ? ` · v${model.version}` : ''}
            </span>
            {!ready && model.installCommand ? (
              <span className="install-hint">
                not installed — run <code>{model.installCommand}</code>
              </span>
            ) : null}
          </label>
        );
      })}
      {hasLinear ? null : (
        <p className="install-hint">
          No linear model yet: <Link href="/train">train one</Link>, then come back.
        </p>
      )}
    </fieldset>
  );
}
