'use client';

import { useCallback, useId, useState } from 'react';
import type { ApiEndpoints } from '../../lib/clients/create-clients';
import type { PredictCall } from '../lane-run';
import { RepeatRunner } from '../repeat-runner';
import { useLanes } from '../use-lanes';
import styles from './bench.module.css';

// The first of the sentences the bench sends to the sentiment model.
const SENTENCE = 'I love machine learning!';
const ignoreSummaries = () => {};

/**
 * The playground's repeat runner on the sentiment model: what this browser measures on this network, to set beside
 * the bench, which drives the server from Node on the server's own machine.
 */
export function BrowserComparison({ api }: { api: ApiEndpoints }) {
  const laneSet = useLanes(api);
  const inputId = useId();
  const [text, setText] = useState(SENTENCE);
  const [running, setRunning] = useState(false);
  const prepare = useCallback((): PredictCall | string => (text.trim() ? { model: 'sentiment', input: { kind: 'text', text } } : 'Type a sentence first.'), [text]);

  return (
    <div className={styles.column} data-testid="browser-comparison">
      <section className={`card ${styles.section}`} aria-labelledby="browser-title">
        <h2 id="browser-title">Measure from your browser</h2>
        <p className="small muted">
          The bench calls the server from Node.js on the same machine. Here the same sentiment call goes through every
          protocol&apos;s browser client, one call at a time, so the numbers include your browser and network: compare them with
          the sequential (c1) latencies of the sentiment model in the report.
        </p>
        <div className={styles.prompt}>
          <label htmlFor={inputId}>Sentence</label>
          <input id={inputId} type="text" value={text} onChange={(event) => setText(event.target.value)} disabled={running} />
        </div>
      </section>
      {laneSet ? (
        <RepeatRunner lanes={laneSet.lanes} prepare={prepare} busy={false} onRunningChange={setRunning} onSummaries={ignoreSummaries} />
      ) : (
        <p className="notice">Connecting to the API server at {api.apiBaseUrl}…</p>
      )}
    </div>
  );
}
