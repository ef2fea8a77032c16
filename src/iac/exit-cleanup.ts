/**
 * Names a write has made but not yet committed (temporary files, and the first files of a several-file
 * save), removed if the process ends first: main.ts's one exit point (errors, Ctrl-C, SIGTERM, SIGHUP)
 * is process.exit, which runs 'exit' listeners. Only SIGKILL can leave one behind.
 */
import { unlinkSync } from 'node:fs';

const pending = new Set<string>();
let listening = false;

/** Removes every pending name now (synchronous: an 'exit' listener cannot wait). */
export function removePendingNow(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
  }
  pending.clear();
}

/** `path` is to be removed if the process exits before `release(path)`. */
export function removeAtExit(path: string): void {
  if (!listening) {
    process.once('exit', removePendingNow);
    listening = true;
  }
  pending.add(path);
}

/** `path` is committed (or removed already): no longer the exit's to remove. */
export function release(path: string): void {
  pending.delete(path);
}
