/**
 * How a headless run ends on a signal: the exit code a script sees and the sentence a person reads.
 * The handlers get a stand-in for process.exit and for the process's signals, so nothing here ends
 * the test's own process or sends it a signal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markChanging, runState } from '../../src/cli/run-state.js';
import { GRACE_MS, onInterrupt, onStopSignals } from '../../src/cli/signals.js';

/** A stand-in for process.on/removeListener: `send` delivers a signal to whoever listens now. */
function signals() {
  const listeners = new Map<string, Set<() => void>>();
  const subscribe = (signal: NodeJS.Signals, handler: () => void) => {
    const set = listeners.get(signal) ?? new Set();
    listeners.set(signal, set.add(handler));
    return () => void set.delete(handler);
  };
  const send = (signal: NodeJS.Signals) => [...(listeners.get(signal) ?? [])].forEach((h) => h());
  const count = (signal: NodeJS.Signals) => listeners.get(signal)?.size ?? 0;
  return { subscribe, send, count };
}

function recorder() {
  const exits: [number, string][] = [];
  let written = '';
  return { exits, written: () => written, io: { write: (t: string) => void (written += t), exit: (code: number, message: string) => void exits.push([code, message]) } };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  delete runState.changing;
});

describe('Ctrl-C during a headless run', () => {
  it('the first aborts the calls in flight and says so, without exiting: the run ends itself with 130', () => {
    const { subscribe, send } = signals();
    const { exits, written, io } = recorder();
    const controller = new AbortController();
    onInterrupt(controller, io, subscribe);
    send('SIGINT');
    expect(controller.signal.aborted).toBe(true);
    expect(written()).toBe('\nStopping...\n');
    vi.advanceTimersByTime(GRACE_MS - 1);
    expect(exits).toEqual([]);
  });

  it('a run that has not stopped within the grace time is ended with 130', () => {
    const { subscribe, send } = signals();
    const { exits, io } = recorder();
    onInterrupt(new AbortController(), io, subscribe);
    send('SIGINT');
    vi.advanceTimersByTime(GRACE_MS);
    expect(exits).toEqual([[130, 'Interrupted. Run the same command again to finish.']]);
  });

  it('a second Ctrl-C exits 130 at once, without waiting for the grace time', () => {
    const { subscribe, send } = signals();
    const { exits, written, io } = recorder();
    onInterrupt(new AbortController(), io, subscribe);
    send('SIGINT');
    send('SIGINT');
    expect(exits).toEqual([[130, 'Interrupted again: stopping now. Run the same command again to finish.']]);
    // "Stopping..." is said once: the second press is not a second request to stop cleanly.
    expect(written()).toBe('\nStopping...\n');
  });

  it('is no longer heard once the run removes the listener (the wizard takes Ctrl-C as a key)', () => {
    const { subscribe, send, count } = signals();
    const { exits, io } = recorder();
    const controller = new AbortController();
    const stop = onInterrupt(controller, io, subscribe);
    stop();
    expect(count('SIGINT')).toBe(0);
    send('SIGINT');
    expect(controller.signal.aborted).toBe(false);
    vi.advanceTimersByTime(GRACE_MS);
    expect(exits).toEqual([]);
  });
});

describe('SIGTERM and SIGHUP', () => {
  it('exit 143 and 129, saying nothing was created before any change', () => {
    for (const [signal, code, how] of [
      ['SIGTERM', 143, 'Terminated'],
      ['SIGHUP', 129, 'The terminal went away (SIGHUP)'],
    ] as const) {
      const { subscribe, send } = signals();
      const { exits, io } = recorder();
      onStopSignals(io.exit, subscribe);
      send(signal);
      expect(exits).toEqual([[code, `${how} before any change: nothing was created.`]]);
    }
  });

  it('once a change was sent, say which table and that running again finishes it; heard once only', () => {
    const { subscribe, send, count } = signals();
    const { exits, io } = recorder();
    onStopSignals(io.exit, subscribe);
    markChanging('sentinel-sessions');
    send('SIGTERM');
    expect(exits).toEqual([[143, 'Terminated while changing table sentinel-sessions. Run the same command again to finish what was started.']]);
    // Like process.once: a second SIGTERM gets Node's default (the process ends), not a second sentence.
    expect(count('SIGTERM')).toBe(0);
    expect(count('SIGHUP')).toBe(1);
  });
});
