import { describe, expect, it } from 'vitest';
import { pollDelay } from '../../src/engine/index.js';
import { sleep } from '../../src/core/duration.js';

describe('pollDelay', () => {
  it('polls every second for the first minute, so ACTIVE is seen within about a second', () => {
    for (const t of [0, 500, 1000, 30_000, 59_999]) expect(pollDelay(t)).toBe(1000);
  });

  it('then backs off to about 5% of the time waited, capped at 15 s, never under 1 s', () => {
    expect(pollDelay(60_000)).toBe(3000);
    expect(pollDelay(120_000)).toBe(6000);
    expect(pollDelay(300_000)).toBe(15_000);
    expect(pollDelay(3_600_000)).toBe(15_000);
  });

  it('keeps a 30-minute backfill to well under 200 DescribeTable calls', () => {
    let t = 0;
    let polls = 0;
    while (t < 30 * 60_000) {
      t += pollDelay(t);
      polls++;
    }
    expect(polls).toBeLessThan(200);
    expect(polls).toBeGreaterThan(60);
  });
});

describe('sleep', () => {
  it('rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
  });
});
