// Drive an ink-testing-library render like a person: write keys, wait for frames (no fixed sleeps).
import type { render } from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  esc: '\u001B',
  ctrlC: '\u0003',
  backspace: '\u007F',
} as const;

/** Polls until `check` passes on the latest frame; fails with that frame after `timeout` ms. */
export async function waitFor(r: Rendered, check: (frame: string) => boolean, timeout = 3000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() > until) throw new Error(`frame never matched; last frame:\n${frame}`);
    await new Promise((res) => setTimeout(res, 10));
  }
}

/** Waits until the frame contains `text`. */
export const waitForText = (r: Rendered, text: string, timeout?: number) => waitFor(r, (f) => f.includes(text), timeout);

/**
 * useInput subscribes in a passive effect, which React runs a few macrotasks after the frame is
 * written: a key sent before that is lost. Let the effects of the last frame run.
 */
export async function flushEffects(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((res) => setImmediate(res));
  await new Promise((res) => setTimeout(res, 5));
}

/**
 * Writes a key once the current frame's listeners are live, then waits for the frame to change (or
 * to show `expectText`). Keys that change nothing return after a short wait.
 */
export async function press(r: Rendered, key: string, expectText?: string): Promise<string> {
  await flushEffects();
  const before = r.lastFrame();
  r.stdin.write(key);
  if (expectText) return waitForText(r, expectText);
  return waitFor(r, (f) => f !== before, 300).catch(() => r.lastFrame() ?? '');
}

/** Types text one character at a time, like a person. */
export async function type(r: Rendered, text: string): Promise<void> {
  for (const c of text) await press(r, c);
}
