/**
 * What the run has set in motion, for the sentence a signal or a lost result ends with: whether a
 * change was sent to AWS, and the outcome once the change is done. Set by the faces, read by main.ts.
 */
export const runState: { changing?: string; outcome?: string } = {};

/** A change to `table` is about to be sent: from now on an interruption leaves work to finish. */
export function markChanging(table: string): void {
  runState.changing = table;
}

/** The change is done, e.g. "Table sentinel-sessions was created": what a lost stdout still owes the person. */
export function markOutcome(sentence: string): void {
  runState.outcome = sentence;
}

/** What to say when the run is stopped from outside (SIGTERM, SIGHUP). */
export function stoppedSentence(how: string): string {
  return runState.changing
    ? `${how} while changing table ${runState.changing}. Run the same command again to finish what was started.`
    : `${how} before any change: nothing was created.`;
}
