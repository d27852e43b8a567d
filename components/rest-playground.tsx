'use client';

import { useEffect, useMemo, useState } from 'react';
import type { CallOutcome } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import type { ModelDescriptor, PredictionResult } from '../lib/contract';
import { emptyDraft, InputEditor, inputFromDraft, type InputDraft } from './input-editor';
import { ModelList } from './model-list';
import { PredictionView } from './prediction-view';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; models: ModelDescriptor[] };

/** The first playground: pick a model, give it an input, run it over REST and see the answer and the wire. */
export function RestPlayground({ apiBaseUrl }: { apiBaseUrl: string }) {
  const client = useMemo(() => createRestClient(apiBaseUrl), [apiBaseUrl]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState<string>();
  const [draft, setDraft] = useState<InputDraft>(emptyDraft);
  const [outcome, setOutcome] = useState<CallOutcome<PredictionResult> | { ok: false; problem: string }>();
  const [running, setRunning] = useState(false);

  useEffect(() => {
    client
      .listModels()
      .then((models) => {
        setLoad({ state: 'ready', models });
        setSelected((current) => current ?? models.find((model) => model.status === 'ready')?.name);
      })
      .catch((error: unknown) => setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) }));
  }, [client]);

  if (load.state === 'loading') return <p className="notice">Connecting to the API server at {apiBaseUrl}…</p>;
  if (load.state === 'failed') {
    return (
      <p className="notice error" role="alert">
        Cannot reach the API server at {apiBaseUrl} ({load.message}). Start it with <code>npm start</code>.
      </p>
    );
  }

  const model = load.models.find((candidate) => candidate.name === selected);

  async function run() {
    if (!model) return;
    const input = inputFromDraft(model.input, draft);
    if (typeof input === 'string') return setOutcome({ ok: false, problem: input });
    setRunning(true);
    try {
      setOutcome(await client.predict(model.name, input));
    } catch (error) {
      setOutcome({ ok: false, problem: `The request failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="playground">
      <section>
        <h2>Models on {apiBaseUrl}</h2>
        <ModelList models={load.models} selected={selected} onSelect={(name) => { setSelected(name); setOutcome(undefined); }} />
        {load.models.some((candidate) => candidate.kind === 'linear-regression') ? null : <LinearModelHint apiBaseUrl={apiBaseUrl} />}
      </section>
      {model ? (
        <section>
          <h2>Predict with {model.name} over REST</h2>
          <p className="muted">{model.description}</p>
          <InputEditor kind={model.input} draft={draft} onChange={setDraft} />
          <button type="button" className="primary" onClick={run} disabled={running}>
            {running ? 'Running…' : 'Run over REST'}
          </button>
          <OutcomeView outcome={outcome} />
        </section>
      ) : null}
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: CallOutcome<PredictionResult> | { ok: false; problem: string } | undefined }) {
  if (!outcome) return null;
  if ('problem' in outcome) return <p className="notice error" role="alert">{outcome.problem}</p>;
  return (
    <div className="outcome" data-testid="outcome">
      {outcome.ok ? (
        <>
          <PredictionView output={outcome.value.output} />
          <p className="timing">
            round trip {outcome.roundTripMs.toFixed(1)} ms · server {outcome.value.timing.serverMs.toFixed(1)} ms · inference{' '}
            {outcome.value.timing.inferenceMs.toFixed(2)} ms · {outcome.wire.request.bytes} B up / {outcome.wire.response.bytes} B down
          </p>
        </>
      ) : (
        <p className="notice error" role="alert">
          {outcome.error.native}: {outcome.error.code} — {outcome.error.message}
        </p>
      )}
      <details>
        <summary>Wire</summary>
        {[outcome.wire.request, outcome.wire.response].map((message, i) => (
          <pre className="wire" key={i}>
            {[message.summary, ...message.headers.map(([name, value]) => `${name}: ${value}`), '', message.body].join('\n')}
          </pre>
        ))}
      </details>
    </div>
  );
}

function LinearModelHint({ apiBaseUrl }: { apiBaseUrl: string }) {
  return (
    <p className="install-hint">
      No linear model yet. Train the seed&apos;s <code>default</code> model, then reload:
      <code className="block">
        curl -X POST {apiBaseUrl}/train -H &apos;content-type: application/json&apos; -d &apos;{'{"X": [[1, 2], [2, 1], [3, 5], [4, 2]], "y": [-3, 2, -8, 3]}'}&apos;
      </code>
    </p>
  );
}
