/**
 * How a headless run ends on a signal: the exit code a script sees and the sentence a person reads.
 * The handlers get a stand-in for process.exit and for the process's signals, so nothing here ends
 * the test's own process or sends it a signal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markTables, runState } from '../../src/cli/run-state.js';
import { initialTables, reduceTables } from '../../src/service/table-states.js';
import { fakePlan } from '../wizard/fixtures.js';
import { exitCodeAfter, GRACE_MS, leaving, onInterrupt, onStopSignals } from '../../src/cli/signals.js';
import { CLEANUP_MS } from '../../src/verify/run.js';

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
  delete runState.tables;
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
    expect(exits).toEqual([[130, 'Interrupted before any change: nothing was created.']]);
  });

  it('a second Ctrl-C exits 130 at once, without waiting for the grace time', () => {
    const { subscribe, send } = signals();
    const { exits, written, io } = recorder();
    onInterrupt(new AbortController(), io, subscribe);
    send('SIGINT');
    send('SIGINT');
    expect(exits).toEqual([[130, 'Interrupted again before any change: nothing was created.']]);
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
  it('like the first Ctrl-C, abort the run (which cleans up and says what exists) without exiting; the run\'s 130 becomes 143 or 129', () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const { subscribe, send } = signals();
      const { exits, written, io } = recorder();
      const controller = new AbortController();
      onStopSignals(controller, io, subscribe);
      send(signal);
      expect(controller.signal.aborted).toBe(true);
      expect(written()).toBe('\nStopping...\n');
      vi.advanceTimersByTime(GRACE_MS - 1);
      expect(exits).toEqual([]);
      expect(exitCodeAfter(controller.signal, 130)).toBe(code);
      // Only an interrupted ending takes the signal's code: a failure stays a failure.
      expect(exitCodeAfter(controller.signal, 1)).toBe(1);
    }
  });

  it('a run that has not stopped within the grace time is ended with 143 or 129, saying nothing was created before any change', () => {
    for (const [signal, code, how] of [
      ['SIGTERM', 143, 'Terminated'],
      ['SIGHUP', 129, 'The terminal went away (SIGHUP)'],
    ] as const) {
      const { subscribe, send } = signals();
      const { exits, io } = recorder();
      onStopSignals(new AbortController(), io, subscribe);
      send(signal);
      vi.advanceTimersByTime(GRACE_MS);
      expect(exits).toEqual([[code, `${how} before any change: nothing was created.`]]);
    }
  });

  it('once a change was sent, say each table\'s state and that running again finishes it; after the grace time', () => {
    const { subscribe, send } = signals();
    const { exits, io } = recorder();
    onStopSignals(new AbortController(), io, subscribe);
    const plans = [fakePlan('create'), fakePlan('create', { kind: 'approvals' }), fakePlan('create', { kind: 'breakglass' })];
    const states = [
      { type: 'started', table: 'sentinel-sessions' },
      { type: 'finished', result: { kind: 'sessions', table: 'sentinel-sessions', region: 'eu-west-1', status: 'created', tableArn: 'arn' } },
      { type: 'started', table: 'sentinel-requests' },
      { type: 'progress', table: 'sentinel-requests', event: { type: 'step', id: 'create-table', label: 'Create table sentinel-requests with 3 indexes' } },
      { type: 'progress', table: 'sentinel-requests', event: { type: 'sent', id: 'create-table', operation: 'CreateTable' } },
    ] as const;
    markTables(states.reduce(reduceTables, initialTables(plans)));
    send('SIGTERM');
    vi.advanceTimersByTime(GRACE_MS);
    expect(exits).toEqual([
      [
        143,
        'Terminated while applying. Done: sentinel-sessions created. In progress: sentinel-requests (CreateTable sent, not yet confirmed: Create table sentinel-requests with 3 indexes). Not started: sentinel-breakglass. Run the same command again to finish what was started.',
      ],
    ]);
  });

  it('a second signal of any kind exits at once with its own code', () => {
    const { subscribe, send } = signals();
    const { exits, io } = recorder();
    const controller = new AbortController();
    onStopSignals(controller, io, subscribe);
    onInterrupt(controller, io, subscribe);
    send('SIGTERM');
    send('SIGINT');
    expect(exits).toEqual([[130, 'Interrupted again before any change: nothing was created.']]);
  });
});

describe('what a stop leaves behind', () => {
  afterEach(() => delete leaving.sentence);

  it('verify\'s removal of its probe items is bounded inside the grace time, with room to say what it did', () => {
    expect(CLEANUP_MS).toBeLessThanOrEqual(GRACE_MS - 1000);
  });

  it('an exit that does not wait for the run names what may be left (verify\'s probe items and the command)', () => {
    const sentence = 'Probe items not removed from table t: sentinel-init-probe-1-event; `sentinel-init verify breakglass --region r --table t --clean` removes them.';
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const { subscribe, send } = signals();
      const { exits, io } = recorder();
      const controller = new AbortController();
      onStopSignals(controller, io, subscribe);
      onInterrupt(controller, io, subscribe);
      leaving.sentence = sentence;
      send(signal);
      send(signal);
      vi.advanceTimersByTime(GRACE_MS);
      const how = signal === 'SIGINT' ? 'Interrupted' : 'Terminated';
      expect(exits[0]).toEqual([signal === 'SIGINT' ? 130 : 143, `${how} again: stopping now. ${sentence}`]);
    }
  });
});
