/** How often apply looks at a table it waits for, and an abortable sleep. */

/**
 * Delay before the next DescribeTable: every second for the first minute (a person watching notices
 * ACTIVE at once), then about 5% of the time waited so far (a 20-minute backfill costs ~80 calls,
 * not 1,200), capped at 15 s; never below 1 s.
 */
export function pollDelay(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 1000;
  return Math.min(15_000, Math.max(1000, Math.round(elapsedMs * 0.05)));
}

/** Sleeps, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
