'use client';

import { useCallback, useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiEndpoints } from '../lib/clients/create-clients';
import type { LatencySummary } from '../lib/latency-stats';
import { BrowserLaneToggle, useBrowserLaneChoice } from './compare/browser-lane-choice';
import { ComparisonView, type PinnedSend } from './compare/comparison-view';
import { figuresOf, type LaneFigures } from './compare/lane-figures';
import { useSendAll } from './compare/use-send-all';
import { fitDraftTo, emptyDraft, InputEditor, inputFromDraft, type InputDraft } from './input-editor';
import type { LaneRun, PredictCall } from './lane-run';
import { ModelPicker } from './model-picker';
import { ProtocolPanel } from './protocol-panel';
import { RepeatRunner } from './repeat-runner';
import { ServerUnreachable } from './server-unreachable';
import { useBlobUrl } from './use-blob-url';
import { useLanes } from './use-lanes';
import { useModels } from './use-models';

const IDLE: LaneRun = { state: 'idle' };

/** The playground: one model, one input, one button, and every lane answering side by side. */
export function Playground({ api }: { api: ApiEndpoints }) {
  const { apiBaseUrl } = api;
  const laneSet = useLanes(api);
  const { models, reload } = useModels(apiBaseUrl, laneSet?.clients);
  const [selected, setSelected] = useState<string>();
  const [draft, setDraft] = useState<InputDraft>(emptyDraft);
  const { runs, sending, send, cancel, reset } = useSendAll();
  const [browserLane, setBrowserLane] = useBrowserLaneChoice();
  const [pinned, setPinned] = useState<PinnedSend>();
  const [repeating, setRepeating] = useState(false);
  const [readingImage, setReadingImage] = useState(false);
  const [summaries, setSummaries] = useState<Record<string, LatencySummary>>({});
  const [problem, setProblem] = useState<string>();
  const imageUrl = useBlobUrl(draft.image?.preview);

  const modelList = models.state === 'ready' ? models.models : [];
  const model = modelList.find((candidate) => candidate.name === selected);
  useEffect(() => {
    if (models.state !== 'ready' || model) return;
    const first = models.models.find((candidate) => candidate.status === 'ready');
    if (first) setSelected(first.name);
  }, [models, model]);

  const prepare = useCallback((): PredictCall | string => {
    if (!model) return 'Pick a model first.';
    const input = inputFromDraft(model, draft);
    return typeof input === 'string' ? input : { model: model.name, input };
  }, [model, draft]);
  const call = useMemo(prepare, [prepare]);

  const shownLanes = (laneSet?.lanes ?? []).filter((lane) => browserLane || !lane.inPage);
  const runsModel = (lane: (typeof shownLanes)[number]) => !model || (lane.supports?.(model) ?? true);
  const activeLanes = shownLanes.filter((lane) => lane.client && runsModel(lane));
  const figures = shownLanes.map((lane) => figuresOf(lane, runs[lane.id] ?? IDLE)).filter((row): row is LaneFigures => row !== undefined);

  function choose(name: string) {
    const next = modelList.find((candidate) => candidate.name === name);
    setSelected(name);
    if (next) setDraft((current) => fitDraftTo(next, current));
    reset();
    setSummaries({});
    setProblem(undefined);
  }

  async function sendAll(event?: FormEvent) {
    event?.preventDefault();
    if (!laneSet || sending || repeating || readingImage) return;
    if (typeof call === 'string') return setProblem(call);
    setProblem(undefined);
    await send(activeLanes, call);
  }

  function pin() {
    if (model) setPinned({ model: model.name, at: new Date().toLocaleTimeString('en-GB'), figures });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void sendAll(event);
  }

  if (models.state === 'failed') return <ServerUnreachable apiBaseUrl={apiBaseUrl} message={models.message} onRetry={reload} />;
  if (!laneSet || models.state === 'loading') return <p className="notice">Connecting to the API server at {apiBaseUrl}…</p>;

  return (
    <div className="playground">
      <form className="controls" onSubmit={sendAll} onKeyDown={onKeyDown} aria-label="Prediction input">
        <ModelPicker models={models.models} selected={selected} onSelect={choose} />
        <div className="input-column">
          {model ? (
            <>
              <p className="muted small">{model.description}</p>
              <InputEditor model={model} draft={draft} onChange={setDraft} onReadingChange={setReadingImage} />
            </>
          ) : (
            <p className="notice">No model is ready yet: install one with the command beside it.</p>
          )}
          <BrowserLaneToggle on={browserLane} onChange={setBrowserLane} />
          <div className="send-row">
            <button type="submit" className="primary" disabled={!model || sending || repeating || readingImage} aria-busy={sending || readingImage}>
              Send to all protocols
            </button>
            {sending ? (
              <button type="button" className="secondary" onClick={cancel}>
                Cancel
              </button>
            ) : null}
            <span className="muted small" aria-live="polite">
              {sending ? 'Sending through every protocol at once…' : readingImage ? 'Checking and reading the image…' : 'Ctrl/⌘+Enter sends too.'}
            </span>
          </div>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      </form>

      {figures.length > 0 && model ? (
        <ComparisonView
          model={model.name}
          figures={figures}
          pinned={pinned}
          onPin={!sending && figures.some((row) => row.state === 'ok') ? pin : undefined}
          onUnpin={() => setPinned(undefined)}
        />
      ) : null}

      <div className="lanes" aria-label="Protocols">
        {shownLanes.map((lane) => (
          <ProtocolPanel
            key={lane.id}
            lane={lane}
            run={runs[lane.id] ?? IDLE}
            unavailable={runsModel(lane) ? undefined : 'not available for this model'}
            imageUrl={model?.input === 'image' ? imageUrl : undefined}
            call={typeof call === 'string' ? undefined : call}
            repeat={summaries[lane.id]}
          />
        ))}
      </div>

      <RepeatRunner lanes={activeLanes} prepare={prepare} busy={sending || !model} onRunningChange={setRepeating} onSummaries={setSummaries} />
    </div>
  );
}
