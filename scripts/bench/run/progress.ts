// Progress on stderr: a redrawn bar on a terminal, one plain line per step otherwise (CI logs, pipes).

export interface Progress {
  /** A new step begins (one load of one scenario). */
  step(label: string): void;
  /** How far the current step is, 0..1. */
  update(fraction: number): void;
  /** A line that stays (a skipped part, a failure). */
  note(message: string): void;
  finish(): void;
}

const BAR_WIDTH = 20;

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export function createProgress(totalSteps: number): Progress {
  const stream = process.stderr;
  const startedAt = performance.now();
  const interactive = stream.isTTY === true;
  let done = -1;
  let label = '';
  let fraction = 0;

  function draw() {
    const overall = Math.min(1, (Math.max(0, done) + fraction) / Math.max(1, totalSteps));
    const filled = Math.round(overall * BAR_WIDTH);
    const elapsed = performance.now() - startedAt;
    const eta = overall > 0.02 ? ` ~${clock(elapsed / overall - elapsed)} left` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.min(done + 1, totalSteps)}/${totalSteps} ${clock(elapsed)}${eta}  ${label}`;
    stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
  }

  return {
    step(next) {
      done += 1;
      label = next;
      fraction = 0;
      if (interactive) draw();
      else stream.write(`[${done + 1}/${totalSteps}] ${clock(performance.now() - startedAt)} ${next}\n`);
    },
    update(value) {
      fraction = value;
      if (interactive) draw();
    },
    note(message) {
      stream.write(interactive ? `\r\x1b[K${message}\n` : `${message}\n`);
      if (interactive) draw();
    },
    finish() {
      if (interactive) stream.write('\r\x1b[K');
    },
  };
}
