/** What a headless run talks to; the entry point passes the process's, tests may pass their own. */
export interface HeadlessIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT: in-flight calls stop and the run ends with Interrupted (exit 130). */
  signal?: AbortSignal;
}
