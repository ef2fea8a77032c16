/** Apply progress as rows for the screen: one per engine step, with its own elapsed time. Pure. */
import type { ProgressEvent } from '../engine/types.js';

export interface ProgressRow {
  id: string;
  label: string;
  /** The table the step belongs to, when the run applies several. */
  table?: string;
  state: 'running' | 'done';
  startedAt: number;
  /** Set when done. */
  elapsedMs?: number;
  /** Latest status while waiting (e.g. CREATING). */
  status?: string;
  /** Latest transient failure being retried. */
  retry?: string;
}

/** The rows after one event, at time `now` (ms). */
export function reduceProgress(rows: readonly ProgressRow[], event: ProgressEvent, now: number): ProgressRow[] {
  const update = (patch: (row: ProgressRow) => ProgressRow) => rows.map((r) => (r.id === event.id ? patch(r) : r));
  switch (event.type) {
    case 'step':
      if (rows.some((r) => r.id === event.id)) return update((r) => ({ ...r, label: event.label, state: 'running' }));
      return [...rows, { id: event.id, label: event.label, state: 'running', startedAt: now, ...(event.table && { table: event.table }) }];
    case 'sent':
      return [...rows];
    case 'waiting':
      return update((r) => ({ ...r, status: event.status, retry: undefined }));
    case 'retry':
      return update((r) => ({ ...r, retry: `retry ${event.attempt}: ${event.reason}` }));
    case 'done':
      return update((r) => ({ ...r, state: 'done', elapsedMs: event.elapsedMs, status: undefined, retry: undefined }));
  }
}
