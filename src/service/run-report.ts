/** What the exit point needs to know about a run that changes tables (both faces tell it). */
import type { TableState } from './table-states.js';

export interface RunReport {
  /** Where each table of the apply stands, after every change: what a signal's sentence lists. */
  tables(states: readonly TableState[]): void;
  /** --json: the document stdout still owes if the run ends now (undefined once the run wrote it). */
  document?(text: string | undefined): void;
  /** The change is done: the sentence a lost stdout still owes the person. */
  outcome(sentence: string): void;
  /** What a stop this instant would leave behind (verify's probe items, with the command that removes them); undefined: nothing. */
  leaving?(sentence: string | undefined): void;
}
