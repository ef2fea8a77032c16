/**
 * Apply progress as plain lines on stderr: one per step, one every few seconds while waiting, with
 * the elapsed time. No cursor escapes: stderr may be a file or a CI log.
 */
import { formatDuration } from '../core/duration.js';
import type { ProgressEvent } from '../engine/types.js';


/** A progress handler writing lines through `write`; waiting lines at most every `everyMs` per step. */
export function progressPrinter(write: (line: string) => void, everyMs = 5000): (event: ProgressEvent) => void {
  const lastWaitLine = new Map<string, number>();
  return (event) => {
    switch (event.type) {
      case 'step':
        write(`- ${event.table ? `${event.table}: ` : ''}${event.label}\n`);
        return;
      case 'sent':
        // Said by the step's line already; only the end of a stopped run names it.
        return;
      case 'waiting': {
        const last = lastWaitLine.get(event.id) ?? 0;
        if (event.elapsedMs - last < everyMs) return;
        lastWaitLine.set(event.id, event.elapsedMs);
        write(`  waiting: ${event.status}, ${formatDuration(event.elapsedMs)}\n`);
        return;
      }
      case 'retry':
        write(`  retrying (attempt ${event.attempt}): ${event.reason}\n`);
        return;
      case 'done':
        write(`  done in ${formatDuration(event.elapsedMs)}\n`);
        return;
      default: {
        const unknown: never = event;
        write(`  ${JSON.stringify(unknown)}\n`);
      }
    }
  };
}
