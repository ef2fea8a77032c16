/**
 * The process's two output streams, guarded. A write error on stderr (a full disk, a closed pipe) is
 * swallowed: the run goes on and finishes the table. A write error on stdout loses the result, so it
 * makes the exit code 1, said on stderr if stderr still works (see the exit point in main.ts).
 * Everything written goes through safeText: no raw control character, no secret.
 */
import { safeText } from '../core/text.js';

let stdoutError: NodeJS.ErrnoException | undefined;
let stderrBroken = false;

/** Registers the handlers; without them an EPIPE or ENOSPC is an unhandled 'error' event that kills the run. */
export function guardStreams(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutError ??= error;
  });
  process.stderr.on('error', () => {
    stderrBroken = true;
  });
}

function writeTo(stream: NodeJS.WriteStream, text: string, onError: (error: NodeJS.ErrnoException) => void): void {
  try {
    stream.write(safeText(text));
  } catch (error) {
    onError(error as NodeJS.ErrnoException);
  }
}

/** Results: the plan, the JSON document, the policy. */
export const stdout = {
  write(text: string): void {
    if (stdoutError) return;
    writeTo(process.stdout, text, (error) => (stdoutError ??= error));
  },
};

/** Everything for people: progress, who/where, errors. */
export const stderr = {
  write(text: string): void {
    if (stderrBroken) return;
    writeTo(process.stderr, text, () => (stderrBroken = true));
  },
};

/** The error a stdout write met, once the stream has had a turn to report it. */
export async function stdoutFailure(): Promise<NodeJS.ErrnoException | undefined> {
  // Stream errors are emitted on a later tick than the write that caused them.
  await new Promise((resolve) => setImmediate(resolve));
  return stdoutError;
}

/** The sentence for a run whose result could not be written (exit 1); `done`: what the run did all the same. */
export function lostResult(lost: NodeJS.ErrnoException, done = ''): string {
  return `Could not write the result to standard output (${lost.code ?? lost.message}).${done} Run again with stdout going somewhere writable.`;
}
