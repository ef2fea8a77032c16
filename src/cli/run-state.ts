/**
 * What the run has set in motion, for the sentence a signal or a lost result ends with: where each
 * table of the apply stands (done, in progress, not started), the --json document still owed, and
 * the outcome once the change is done. Set by the faces (service/run-report.ts), read by main.ts and
 * signals.ts.
 */
import { stoppedSentence as sentenceFor, type TableState } from '../service/table-states.js';

export const runState: { tables?: readonly TableState[]; document?: string; outcome?: string } = {};

/** Each table's state, after every change of one. */
export function markTables(states: readonly TableState[]): void {
  runState.tables = states;
}

/** --json: the document to print if the run is stopped now; undefined once the run printed its own. */
export function markDocument(text: string | undefined): void {
  runState.document = text;
}

/** The change is done, e.g. "Table sentinel-sessions was created": what a lost stdout still owes the person. */
export function markOutcome(sentence: string): void {
  runState.outcome = sentence;
}

/** What to say when the run is stopped from outside (SIGINT, SIGTERM, SIGHUP): each table's state, or that nothing was changed. */
export function stoppedSentence(how: string): string {
  return sentenceFor(how, runState.tables ?? []);
}

/** The --json document a run ended from outside still owes stdout, handed out once. */
export function owedDocument(): string | undefined {
  const text = runState.document;
  runState.document = undefined;
  return text;
}

/** The RunReport both faces are given. */
export const runReport = { tables: markTables, document: markDocument, outcome: markOutcome };
