import type { ModelDescriptor } from '../lib/contract';

interface ModelListProps {
  models: ModelDescriptor[];
  selected: string | undefined;
  onSelect(name: string): void;
}

/** The served models as a pickable list, with the install command for the ones that are missing. */
export function ModelList({ models, selected, onSelect }: ModelListProps) {
  return (
    <ul className="model-list" aria-label="Models">
      {models.map((model) => (
        <li key={model.name}>
          <button
            type="button"
            className={model.name === selected ? 'model selected' : 'model'}
            aria-pressed={model.name === selected}
            onClick={() => onSelect(model.name)}
          >
            <span className="model-name">{model.name}</span>
            <span className={`status status-${model.status}`}>{model.status === 'ready' ? `v${model.version}` : 'not installed'}</span>
            <span className="model-kind">{model.kind}</span>
          </button>
          {model.status === 'not_installed' && model.installCommand ? (
            <p className="install-hint">
              Install with <code>{model.installCommand}</code>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
