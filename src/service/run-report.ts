/** What the exit point needs to know about a run that changes a table (both faces tell it). */
export interface RunReport {
  /** A change to `table` is about to be sent: an interruption from now on leaves work to finish. */
  changing(table: string): void;
  /** The change is done: the sentence a lost stdout still owes the person. */
  outcome(sentence: string): void;
  /** What a stop this instant would leave behind (verify's probe items, with the command that removes them); undefined: nothing. */
  leaving?(sentence: string | undefined): void;
}
