'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import type { ApiEndpoints } from '../lib/clients/create-clients';
import { STREAM_TRANSPORTS } from '../lib/clients/stream-transports';
import { StreamLane } from './stream-lane';
import { useStreamSessions, type LaneStates } from './stream-sessions';
import styles from './stream.module.css';

/** One sentence for screen readers and the eye once every lane has scored the text in the box, or undefined. */
function agreement(lanes: LaneStates, text: string): string | undefined {
  if (!text.trim()) return undefined;
  const labels = STREAM_TRANSPORTS.map(({ id, title }) => ({ title, label: lanes[id].last?.text === text ? lanes[id].last?.label : undefined }));
  if (labels.some(({ label }) => label === undefined)) return undefined;
  const distinct = new Set(labels.map(({ label }) => label));
  if (distinct.size === 1) return `All ${labels.length} transports scored this text: ${labels[0]?.label}.`;
  return `The transports disagree: ${labels.map(({ title, label }) => `${title} ${label}`).join(', ')}.`;
}

/** Live sentiment: every keystroke sends the whole text to all four streaming transports at once, one lane each. */
export function StreamPage({ api }: { api: ApiEndpoints }) {
  const { lanes, push, reconnect, clear } = useStreamSessions(api);
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const blank = text.trim() === '';
  const settled = agreement(lanes, text);

  function onChange(event: ChangeEvent<HTMLTextAreaElement>) {
    const next = event.target.value;
    setText(next);
    if (next.trim()) push(next); // a blank text is never sent: the server would only answer invalid_input
  }

  function onClear() {
    setText('');
    clear();
    box.current?.focus();
  }

  return (
    <>
      <section className={`card ${styles.input}`}>
        <label htmlFor="stream-text" className={styles.inputLabel}>
          Text to stream
        </label>
        <textarea
          id="stream-text"
          ref={box}
          rows={3}
          value={text}
          onChange={onChange}
          placeholder="e.g. I really love this little phone"
          aria-describedby="stream-hint"
          spellCheck={false}
        />
        <div className={styles.inputRow}>
          <p id="stream-hint" className="muted small">
            {blank
              ? 'Type something: after each keystroke the whole text goes to all four transports at once.'
              : `Each keystroke sends all ${text.length} characters to every transport; the lanes below show what came back.`}
          </p>
          <button type="button" className="secondary" onClick={onClear} disabled={blank && !STREAM_TRANSPORTS.some(({ id }) => lanes[id].counts.sent > 0)}>
            Clear
          </button>
        </div>
        <p className={`small ${styles.agreement}`} aria-live="polite" data-testid="stream-agreement">
          {settled ?? ''}
        </p>
      </section>
      <p className={`small muted ${styles.explainer}`}>
        Latency runs from the keystroke to its update. WebSocket and MQTT write each text to a socket that is already
        open, and a busy server scores only the newest text (latest wins). gRPC-Web and GraphQL send each text as its own
        HTTP request, one after another so they arrive in order: typing fast queues texts in the browser, and the
        latency shows it.
      </p>
      <div className={styles.lanes}>
        {STREAM_TRANSPORTS.map((transport) => (
          <StreamLane key={transport.id} transport={transport} lane={lanes[transport.id]} apiBaseUrl={api.apiBaseUrl} onReconnect={() => reconnect(transport.id, text)} />
        ))}
      </div>
    </>
  );
}
