'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { PROTOCOL_LABELS, type ProtocolClients } from '../lib/clients/create-clients';
import type { ProtocolName } from '../lib/clients/protocol-client';
import type { PredictionResult, TrainResult } from '../lib/contract';
import { parseNumberRow } from '../lib/training-csv';
import { CallView, type Call } from './call-view';
import { OutcomeMetrics } from './outcome-metrics';
import { PredictionView } from './prediction-view';
import { ProtocolErrorView } from './protocol-error-view';
import { firstAvailable, ProtocolChoice } from './protocol-choice';
import { errorText } from './units';
import { WireView } from './wire-view';

interface PredictWithModelProps {
  clients: ProtocolClients;
  /** The model to ask: the one just trained, or the name typed above. */
  modelName: string;
  trained: TrainResult | undefined;
  featureNames: string[];
  /** A row to offer when the typed one does not fit the trained model. */
  exampleRow: number[] | undefined;
  /** The protocol training used; another one is picked by default, to show they serve the same model. */
  trainedVia: ProtocolName | undefined;
}

/** Predicts one row with a linear model through a protocol of the person's choice. */
export function PredictWithModel({ clients, modelName, trained, featureNames, exampleRow, trainedVia }: PredictWithModelProps) {
  const [row, setRow] = useState('100, 3');
  const [via, setVia] = useState<ProtocolName>();
  const [prediction, setPrediction] = useState<Call<PredictionResult>>({ state: 'idle' });

  useEffect(() => {
    if (trainedVia) setVia((current) => current ?? firstAvailable(clients, trainedVia));
  }, [clients, trainedVia]);
  useEffect(() => {
    if (trained && exampleRow) setRow((current) => (parseNumberRow(current)?.length === trained.featureCount ? current : exampleRow.join(', ')));
  }, [trained, exampleRow]);

  async function predict(event: FormEvent) {
    event.preventDefault();
    const values = parseNumberRow(row);
    const client = via ? clients[via] : undefined;
    if (!values) return setPrediction({ state: 'failed', message: 'Enter the features as numbers separated by commas, e.g. "100, 3".' });
    if (!client) return setPrediction({ state: 'failed', message: 'Pick a protocol to predict through.' });
    setPrediction({ state: 'running' });
    try {
      setPrediction({ state: 'done', outcome: await client.predict(modelName, { kind: 'features', rows: [values] }) });
    } catch (error) {
      setPrediction({ state: 'failed', message: errorText(error) });
    }
  }

  return (
    <form className="card" onSubmit={predict} aria-labelledby="predict-title">
      <h2 id="predict-title">2. Predict with it</h2>
      <p className="muted small">
        Model <code>{modelName}</code>
        {trained ? ` v${trained.model.version}, ${trained.featureCount} features: ${featureNames.join(', ')}` : ' — train it first (or use a model trained earlier)'}
      </p>
      <label className="field">
        Features (one row, separated by commas)
        <input value={row} onChange={(event) => setRow(event.target.value)} spellCheck={false} />
      </label>
      <ProtocolChoice legend="Predict through" name="predict-protocol" clients={clients} value={via} onChange={setVia} />
      <button type="submit" className="primary" disabled={prediction.state === 'running' || !via}>
        Predict over {via ? PROTOCOL_LABELS[via] : '…'}
      </button>
      <CallView
        call={prediction}
        render={(outcome) => (
          <div className="outcome" data-testid="predict-outcome">
            {outcome.ok ? (
              <div data-testid="result">
                <PredictionView output={outcome.value.output} />
              </div>
            ) : (
              <ProtocolErrorView error={outcome.error} />
            )}
            <OutcomeMetrics outcome={outcome} />
            <WireView wire={outcome.wire} />
          </div>
        )}
      />
    </form>
  );
}
