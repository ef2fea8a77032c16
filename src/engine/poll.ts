/** How often apply looks at a table it waits for. */

/**
 * Delay before the next DescribeTable: every second for the first minute (a person watching notices
 * ACTIVE at once), then about 5% of the time waited so far (a 20-minute backfill costs ~80 calls,
 * not 1,200), capped at 15 s; never below 1 s.
 */
export function pollDelay(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 1000;
  return Math.min(15_000, Math.max(1000, Math.round(elapsedMs * 0.05)));
}
