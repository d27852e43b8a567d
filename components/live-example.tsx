'use client';

import { useEffect, useState } from 'react';
import { CLIENT_FACTORIES, COPY_AS_TOOLS, PROTOCOL_LABELS, type ApiEndpoints } from '../lib/clients/create-clients';
import type { ProtocolClient, ProtocolName } from '../lib/clients/protocol-client';
import { CopyAsButton } from './copy-as-button';
import { runLane, type LaneRun } from './lane-run';
import { OutcomeMetrics } from './outcome-metrics';
import { PredictionView } from './prediction-view';
import { ProtocolErrorView } from './protocol-error-view';
import { formatMs } from './units';
import { WireView } from './wire-view';

/** A small sentiment request through one protocol's real client, with the wire open to read. */
export function LiveExample({ protocol, api }: { protocol: ProtocolName; api: ApiEndpoints }) {
  const { apiBaseUrl, grpcPort, mqttPort } = api;
  const [client, setClient] = useState<ProtocolClient>();
  const [text, setText] = useState('Comparing these protocols side by side is genuinely fun.');
  const [run, setRun] = useState<LaneRun>({ state: 'idle' });
  const factory = CLIENT_FACTORIES[protocol];

  useEffect(() => {
    if (!factory) return;
    const created = factory({ apiBaseUrl, grpcPort, mqttPort });
    setClient(created);
    return () => created.close();
  }, [factory, apiBaseUrl, grpcPort, mqttPort]);

  if (!factory) return <p className="notice">The {PROTOCOL_LABELS[protocol]} browser client is not available yet; this example will run once it lands.</p>;
  const call = { model: 'sentiment', input: { kind: 'text' as const, text } };

  async function send() {
    if (!client) return;
    setRun({ state: 'running' });
    setRun(await runLane(client, call));
  }

  return (
    <div className="live-example" data-testid={`live-${protocol}`}>
      <label className="field">
        A sentence for the sentiment model
        <input value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <div className="button-row">
        <button type="button" className="primary" onClick={send} disabled={!client || run.state === 'running' || !text.trim()}>
          Send over {PROTOCOL_LABELS[protocol]}
        </button>
        <CopyAsButton snippet={() => client?.copyAs(call.model, call.input) ?? ''} what={COPY_AS_TOOLS[protocol]} disabled={!client} />
      </div>
      {run.state === 'failed' ? (
        <p className="error-text" role="alert" data-testid="error">
          No answer after {formatMs(run.elapsedMs)}: {run.message}
        </p>
      ) : null}
      {run.state === 'done' ? (
        <div className="outcome">
          {run.outcome.ok ? (
            <div data-testid="result">
              <PredictionView output={run.outcome.value.output} />
            </div>
          ) : (
            <ProtocolErrorView error={run.outcome.error} />
          )}
          <OutcomeMetrics outcome={run.outcome} />
          <WireView wire={run.outcome.wire} open />
        </div>
      ) : null}
    </div>
  );
}
