'use client';

import { useCallback, useSyncExternalStore } from 'react';
import styles from './comparison.module.css';

// The in-browser lane is opt-in: onnxruntime-web's 14 MB of WebAssembly is downloaded only once someone asks for it.

const STORAGE_KEY = 'modelwire.browser-lane';
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readChoice(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Whether the in-browser lane is on (off by default and on the server), remembered in localStorage. */
export function useBrowserLaneChoice(): [on: boolean, choose: (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, readChoice, () => false);
  const choose = useCallback((next: boolean) => {
    try {
      localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    } catch {
      // Private windows may refuse storage: the choice then lasts until the page is left.
    }
    listeners.forEach((listener) => listener());
  }, []);
  return [on, choose];
}

/** The switch for the in-browser lane, saying what turning it on costs. */
export function BrowserLaneToggle({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  return (
    <label className={styles.toggle}>
      <input type="checkbox" role="switch" checked={on} onChange={(event) => onChange(event.target.checked)} />
      <span>
        Also run the model in this browser
        <span className={styles.toggleNote}> — onnxruntime-web downloads about 14 MB once, then runs here with no network</span>
      </span>
    </label>
  );
}
