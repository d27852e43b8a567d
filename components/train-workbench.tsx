'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { PROTOCOL_LABELS, type ApiEndpoints } from '../lib/clients/create-clients';
import type { ProtocolName } from '../lib/clients/protocol-client';
import type { TrainResult } from '../lib/contract';
import { isModelName, MODEL_NAME_RULE } from '../lib/model-name';
import { parseCsv, toTrainingData } from '../lib/training-csv';
import { CallView, type Call } from './call-view';
import { PredictWithModel } from './predict-with-model';
import { firstAvailable, ProtocolChoice } from './protocol-choice';
import { TrainResultView } from './train-result-view';
import { TrainingDataEditor } from './training-data-editor';
import { errorText } from './units';
import { useLanes } from './use-lanes';
import { invalidateModelQueries } from './use-models';

const SAMPLE_CSV = ['size_m2, rooms, price_k', '50, 2, 161', '65, 3, 204', '80, 3, 238', '95, 4, 286', '120, 4, 338', '140, 5, 396'].join('\n');

/** Train a linear model through one protocol, then predict with it through another. */
export function TrainWorkbench({ api }: { api: ApiEndpoints }) {
  const laneSet = useLanes(api);
  const queryClient = useQueryClient();
  const clients = useMemo(() => laneSet?.clients ?? {}, [laneSet]);
  const [csv, setCsv] = useState(SAMPLE_CSV);
  const [name, setName] = useState('houses');
  const [ridge, setRidge] = useState('0');
  const [via, setVia] = useState<ProtocolName>();
  const [training, setTraining] = useState<Call<TrainResult>>({ state: 'idle' });
  // The last training that succeeded: a failed retrain leaves the version it made serving, and predicting with it.
  const [lastTrained, setLastTrained] = useState<{ result: TrainResult; columns: string[]; firstRow: number[] | undefined }>();
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => setVia((current) => current ?? firstAvailable(clients)), [clients]);

  const table = parseCsv(csv);
  const trained = lastTrained?.result;

  async function train(event: FormEvent) {
    event.preventDefault();
    const data = toTrainingData(table);
    const found = 'problems' in data ? [...data.problems] : [];
    if (!isModelName(name)) found.push(MODEL_NAME_RULE);
    const ridgeValue = Number(ridge);
    if (!(ridgeValue >= 0)) found.push('Ridge must be a number ≥ 0 (0 means ordinary least squares).');
    const client = via ? clients[via] : undefined;
    if (!client) found.push('Pick a protocol to train through.');
    setProblems(found);
    if (found.length > 0 || 'problems' in data || !client) return setTraining({ state: 'idle' });
    setTraining({ state: 'running' });
    try {
      const outcome = await client.train(name, { ...data, ...(ridgeValue > 0 ? { ridge: ridgeValue } : {}) });
      setTraining({ state: 'done', outcome });
      if (outcome.ok) {
        setLastTrained({ result: outcome.value, columns: table.columns, firstRow: data.X[0] });
        // The server now serves the new (or retrained) model: the header and the playground list it without a reload.
        invalidateModelQueries(queryClient);
      }
    } catch (error) {
      setTraining({ state: 'failed', message: errorText(error) });
    }
  }

  return (
    <div className="train">
      <form className="card" onSubmit={train} aria-labelledby="train-title">
        <h2 id="train-title">1. Data and training</h2>
        <TrainingDataEditor csv={csv} onChange={setCsv} />
        <div className="form-row">
          <label className="field">
            Model name
            <input value={name} onChange={(event) => setName(event.target.value)} spellCheck={false} autoCapitalize="off" />
          </label>
          <label className="field">
            Ridge λ
            <input value={ridge} inputMode="decimal" onChange={(event) => setRidge(event.target.value)} />
          </label>
        </div>
        <ProtocolChoice legend="Train through" name="train-protocol" clients={clients} value={via} onChange={setVia} />
        {problems.length > 0 ? (
          <ul className="error-text" role="alert">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className="primary" disabled={training.state === 'running' || !via}>
          Train {name || 'model'} over {via ? PROTOCOL_LABELS[via] : '…'}
        </button>
        <CallView call={training} render={(outcome) => <TrainResultView outcome={outcome} columns={outcome.ok ? table.columns : (lastTrained?.columns ?? table.columns)} />} />
      </form>
      <PredictWithModel
        clients={clients}
        modelName={trained?.model.name ?? name}
        trained={trained}
        featureNames={(lastTrained?.columns ?? table.columns).slice(0, -1)}
        exampleRow={lastTrained?.firstRow}
        trainedVia={via}
      />
    </div>
  );
}
