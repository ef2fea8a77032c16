/**
 * Output for the short paths (--version, --help, --generate-iam), written with writeSync on the file
 * descriptors. process.stdout is never touched there: making it builds a stream (and loads Node's
 * stream modules), about 3 ms of a 30 ms start on Node 22. The same rules as output.ts: text goes
 * through safeText, a stdout failure is kept to be reported (exit 1), a stderr failure is swallowed.
 */
import { writeSync } from 'node:fs';
import { safeText } from '../core/text.js';
import { lostResult } from './output.js';

/** Sleeps a millisecond without the event loop: a pipe made non-blocking by someone else said EAGAIN. */
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);

/** Writes all of text to fd; returns the error that stopped it, if any. */
export function writeAll(fd: number, text: string): NodeJS.ErrnoException | undefined {
  const bytes = Buffer.from(safeText(text));
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return error as NodeJS.ErrnoException;
      pause();
    }
  }
  return undefined;
}

export type Part = { fd: 1 | 2; text: string };

/** Writes what a short path produced, in order; a result that could not be written is said on stderr, exit 1. */
export function writeDirect(parts: readonly Part[]): void {
  let lost: NodeJS.ErrnoException | undefined;
  let stderrBroken = false;
  for (const { fd, text } of parts) {
    if (fd === 1 && !lost) lost = writeAll(1, text);
    if (fd === 2 && !stderrBroken) stderrBroken = writeAll(2, text) !== undefined;
  }
  if (!lost) return;
  if (!stderrBroken) writeAll(2, `sentinel-init: ${lostResult(lost)}\n`);
  process.exitCode = 1;
}
