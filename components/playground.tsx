'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiEndpoints } from '../lib/clients/create-clients';
import type { LatencySummary } from '../lib/latency-stats';
import { fitDraftTo, emptyDraft, InputEditor, inputFromDraft, type InputDraft } from './input-editor';
import { nextTask, runLane, warmLane, type LaneRun, type PredictCall } from './lane-run';
import { ModelPicker } from './model-picker';
import { ProtocolPanel } from './protocol-panel';
import { RepeatRunner } from './repeat-runner';
import { ServerUnreachable } from './server-unreachable';
import { useLanes } from './use-lanes';
import { useModels } from './use-models';
import { useObjectUrl } from './use-object-url';

const IDLE: LaneRun = { state: 'idle' };

/** The playground: one model, one input, one button, and every lane answering side by side. */
export function Playground({ api }: { api: ApiEndpoints }) {
  const { apiBaseUrl } = api;
  const laneSet = useLanes(api);
  const { models, reload } = useModels(apiBaseUrl, laneSet?.clients);
  const [selected, setSelected] = useState<string>();
  const [draft, setDraft] = useState<InputDraft>(emptyDraft);
  const [runs, setRuns] = useState<Record<string, LaneRun>>({});
  const [sending, setSending] = useState(false);
  const [repeating, setRepeating] = useState(false);
  const [readingImage, setReadingImage] = useState(false);
  const [summaries, setSummaries] = useState<Record<string, LatencySummary>>({});
  const [problem, setProblem] = useState<string>();
  const runCounter = useRef(0);
  const imageUrl = useObjectUrl(draft.image?.bytes, draft.image?.type);

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

  function choose(name: string) {
    const next = modelList.find((candidate) => candidate.name === name);
    setSelected(name);
    if (next) setDraft((current) => fitDraftTo(next, current));
    setRuns({});
    setSummaries({});
    setProblem(undefined);
  }

  async function sendAll(event?: FormEvent) {
    event?.preventDefault();
    if (!laneSet || sending || repeating || readingImage) return;
    if (typeof call === 'string') return setProblem(call);
    setProblem(undefined);
    const runId = ++runCounter.current;
    const active = laneSet.lanes.filter((lane) => lane.client);
    setRuns(Object.fromEntries(active.map((lane) => [lane.id, { state: 'running' } as LaneRun])));
    setSending(true);
    // Every lane connects first, so no call's time includes another lane's connecting; each lane shows its own apart.
    const warmUps = await Promise.all(active.map((lane) => warmLane(lane.client!, call.model)));
    await Promise.all(
      active.map(async (lane, i) => {
        // Each lane starts in a task of its own: together, their set-up (encoding a photo as protobuf, handing it to
        // the encoding worker ...) would be one long task, and the page would not respond meanwhile.
        await nextTask();
        const result = await runLane(lane.client!, call, warmUps[i]);
        if (runCounter.current === runId) setRuns((previous) => ({ ...previous, [lane.id]: result }));
      }),
    );
    if (runCounter.current === runId) setSending(false);
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
          <div className="send-row">
            <button type="submit" className="primary" disabled={!model || sending || repeating || readingImage} aria-busy={sending || readingImage}>
              Send to all protocols
            </button>
            <span className="muted small" aria-live="polite">
              {sending ? 'Sending through every protocol at once…' : readingImage ? 'Reading the image…' : 'Ctrl/⌘+Enter sends too.'}
            </span>
          </div>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      </form>

      <div className="lanes" aria-label="Protocols">
        {laneSet.lanes.map((lane) => (
          <ProtocolPanel
            key={lane.id}
            lane={lane}
            run={runs[lane.id] ?? IDLE}
            imageUrl={model?.input === 'image' ? imageUrl : undefined}
            copySnippet={lane.client && typeof call !== 'string' ? () => lane.client!.copyAs(call.model, call.input, call.options) : undefined}
            repeat={summaries[lane.id]}
          />
        ))}
      </div>

      <RepeatRunner lanes={laneSet.lanes} prepare={prepare} busy={sending || !model} onRunningChange={setRepeating} onSummaries={setSummaries} />
    </div>
  );
}
