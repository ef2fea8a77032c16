/**
 * The signals that end a run, and their exit codes. SIGINT (Ctrl-C while starting the demo or running
 * headless; the wizard reads Ctrl-C as a key instead), SIGTERM and SIGHUP do the same thing: the first
 * aborts the run's controller, so the calls in flight stop and the run cleans up after itself (verify
 * removes its probe items) and says what exists, then exits with the signal's code: 130, 143 or 129
 * (128 + the signal's number, as shells report them). A second signal, or a run that has not stopped
 * within the grace time, exits at once, saying what may be left. Apart from main.ts so they can be
 * tested without ending the test's process.
 */
import { EXIT } from '../core/errors.js';
import { stoppedSentence } from './run-state.js';

/** How long a run gets to stop cleanly after a signal before the process just exits. */
export const GRACE_MS = 5000;

/** Ends the process with the code and the sentence (main.ts's finish, which never returns). */
export type Exit = (code: number, message: string) => void;

type Subscribe = (signal: NodeJS.Signals, handler: () => void) => () => void;

const onProcess: Subscribe = (signal, handler) => {
  process.on(signal, handler);
  return () => void process.removeListener(signal, handler);
};

type StopName = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const STOPS: Record<StopName, { code: number; how: string }> = {
  SIGINT: { code: EXIT.interrupted, how: 'Interrupted' },
  SIGTERM: { code: 143, how: 'Terminated' },
  SIGHUP: { code: 129, how: 'The terminal went away (SIGHUP)' },
};

/** The controller's abort reason: which signal stopped the run. Named AbortError, as any abort is. */
export class StopSignal extends Error {
  override name = 'AbortError';
  constructor(
    readonly signal: StopName,
    readonly code: number,
    readonly how: string,
  ) {
    super(`${how}.`);
  }
}

/**
 * What a stop this instant would leave behind that the run's own sentence would have said: verify's
 * probe items with the command that removes them (set through RunReport.leaving by main.ts).
 */
export const leaving: { sentence?: string } = {};

/** The exit code of a run that ended interrupted: the code of the signal that stopped it (130 for Ctrl-C). */
export function exitCodeAfter(signal: AbortSignal, code: number): number {
  return code === EXIT.interrupted && signal.reason instanceof StopSignal ? signal.reason.code : code;
}

/** The sentence of an exit that does not wait for the run: what may be left, else the signal's usual words. */
function lastWords(name: StopName, again: boolean): string {
  const { how } = STOPS[name];
  if (leaving.sentence) return `${again ? `${how} again: stopping now.` : `${how}.`} ${leaving.sentence}`;
  return stoppedSentence(again ? `${how} again` : how);
}

function stopOn(name: StopName, controller: AbortController, io: { write(text: string): void; exit: Exit }): () => void {
  return () => {
    const { code, how } = STOPS[name];
    if (controller.signal.aborted) return io.exit(code, lastWords(name, true));
    io.write('\nStopping...\n');
    controller.abort(new StopSignal(name, code, how));
    // unref: a run that stops in time exits by itself, without waiting for this timer.
    setTimeout(() => io.exit(code, lastWords(name, false)), GRACE_MS).unref();
  };
}

/** Listens for SIGINT for `controller`'s run; `write` gets "Stopping..." (stderr). Returns the remover. */
export function onInterrupt(controller: AbortController, io: { write(text: string): void; exit: Exit }, subscribe: Subscribe = onProcess): () => void {
  return subscribe('SIGINT', stopOn('SIGINT', controller, io));
}

/**
 * SIGTERM and SIGHUP for the whole process, wizard included: the run stops as on Ctrl-C. Without
 * handlers Node dies on them without running exit hooks, leaving the demo's JVM behind.
 */
export function onStopSignals(controller: AbortController, io: { write(text: string): void; exit: Exit }, subscribe: Subscribe = onProcess): void {
  subscribe('SIGTERM', stopOn('SIGTERM', controller, io));
  subscribe('SIGHUP', stopOn('SIGHUP', controller, io));
}
