import type { RunReport } from '../service/run-report.js';

/** What a headless run talks to; the entry point passes the process's, tests may pass their own. */
export interface HeadlessIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT: in-flight calls stop and the run ends with Interrupted (exit 130). */
  signal?: AbortSignal;
  /** Told when a change is about to be sent and when it is done, for the sentence a signal or a lost stdout ends with. */
  progress?: RunReport;
}

