/**
 * The signals that end a run, and their exit codes. Ctrl-C while starting the demo or running
 * headless (the wizard reads Ctrl-C as a key instead): the first one aborts the calls in flight so
 * the run can say what exists and exit 130 itself; a second one, or a run that has not stopped within
 * the grace time, exits 130 at once. SIGTERM and SIGHUP exit 143 and 129 (128 + the signal's number,
 * as shells report them), saying whether a change was under way. Apart from main.ts so they can be
 * tested without ending the test's process.
 */
import { EXIT } from '../core/errors.js';
import { stoppedSentence } from './run-state.js';

/** How long a run gets to stop cleanly after Ctrl-C before the process just exits. */
export const GRACE_MS = 5000;

/** Ends the process with the code and the sentence (main.ts's finish, which never returns). */
export type Exit = (code: number, message: string) => void;

type Subscribe = (signal: NodeJS.Signals, handler: () => void) => () => void;

const onProcess: Subscribe = (signal, handler) => {
  process.on(signal, handler);
  return () => void process.removeListener(signal, handler);
};

/** Listens for SIGINT for `controller`'s run; `write` gets "Stopping..." (stderr). Returns the remover. */
export function onInterrupt(controller: AbortController, io: { write(text: string): void; exit: Exit }, subscribe: Subscribe = onProcess): () => void {
  return subscribe('SIGINT', () => {
    if (controller.signal.aborted) return io.exit(EXIT.interrupted, stoppedSentence('Interrupted again, stopping now'));
    io.write('\nStopping...\n');
    controller.abort();
    // unref: a run that stops in time exits by itself, without waiting for this timer.
    setTimeout(() => io.exit(EXIT.interrupted, stoppedSentence('Interrupted')), GRACE_MS).unref();
  });
}

/** SIGTERM and SIGHUP: without handlers Node dies on them without running exit hooks, leaving the demo's JVM behind. */
export function onStopSignals(exit: Exit, subscribe: Subscribe = onProcess): void {
  const once = (signal: NodeJS.Signals, code: number, how: string) => {
    const stop = subscribe(signal, () => {
      stop();
      exit(code, stoppedSentence(how));
    });
  };
  once('SIGTERM', 143, 'Terminated');
  once('SIGHUP', 129, 'The terminal went away (SIGHUP)');
}
