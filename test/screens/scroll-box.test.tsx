/**
 * The window over a long plan, policy or log: every key the hint and the docs promise moves it by
 * what a person expects, and it never scrolls past either end (an empty window would look like a
 * lost plan).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ScrollBox } from '../../src/components/ScrollBox.js';
import { KEY, press, waitForText } from './helpers.js';

afterEach(cleanup);

const lines = Array.from({ length: 30 }, (_, i) => `line ${String(i + 1).padStart(2, '0')}`);
/** The numbered lines on screen, first and last. */
const shown = (frame: string) => {
  const numbers = [...frame.matchAll(/^line (\d\d)$/gm)].map((m) => Number(m[1]));
  return [numbers[0], numbers.at(-1)];
};

describe('ScrollBox', () => {
  it('10 rows for 30 lines: 9 lines and the position hint, from the top', async () => {
    const r = render(<ScrollBox lines={lines} height={10} />);
    const frame = await waitForText(r, 'lines 1–9 of 30');
    expect(shown(frame)).toEqual([1, 9]);
    expect(frame).toContain(' ↓');
    expect(frame).not.toContain(' ↑ ');
  });

  it('PgDn moves a page, End and Home jump to the ends, PgUp and ↑ stop at the top', async () => {
    const r = render(<ScrollBox lines={lines} height={10} />);
    await waitForText(r, 'lines 1–9 of 30');
    expect(shown(await press(r, KEY.pageDown, 'lines 10–18 of 30'))).toEqual([10, 18]);
    await press(r, KEY.pageDown, 'lines 19–27 of 30');
    // The last page ends at the last line, not a page further.
    expect(shown(await press(r, KEY.pageDown, 'lines 22–30 of 30'))).toEqual([22, 30]);
    await press(r, KEY.down);
    expect(r.lastFrame()).toContain('lines 22–30 of 30');
    await press(r, KEY.home, 'lines 1–9 of 30');
    expect(shown(await press(r, KEY.end, 'lines 22–30 of 30'))).toEqual([22, 30]);
    await press(r, KEY.pageUp, 'lines 13–21 of 30');
    await press(r, KEY.up, 'lines 12–20 of 30');
    await press(r, KEY.pageUp, 'lines 3–11 of 30');
    await press(r, KEY.pageUp, 'lines 1–9 of 30');
    await press(r, KEY.up);
    expect(r.lastFrame()).toContain('lines 1–9 of 30');
  });

  it('lines that fit: all of them, no hint, and keys change nothing', async () => {
    const r = render(<ScrollBox lines={lines.slice(0, 5)} height={10} />);
    const frame = await waitForText(r, 'line 05');
    expect(shown(frame)).toEqual([1, 5]);
    expect(frame).not.toContain('lines ');
    expect(shown(await press(r, KEY.end))).toEqual([1, 5]);
  });

  it('a followed log shows its last lines and keeps up as lines are added, until scrolled up', async () => {
    const r = render(<ScrollBox lines={lines} height={10} follow />);
    await waitForText(r, 'lines 22–30 of 30');
    r.rerender(<ScrollBox lines={[...lines, 'line 31']} height={10} follow />);
    await waitForText(r, 'lines 23–31 of 31');
    await press(r, KEY.up, 'lines 22–30 of 31');
    r.rerender(<ScrollBox lines={[...lines, 'line 31', 'line 32']} height={10} follow />);
    // Scrolled up: the person is reading; the window stays where they put it.
    await waitForText(r, 'lines 22–30 of 32');
    await press(r, KEY.end, 'lines 24–32 of 32');
    // Back at the bottom: followed again.
    r.rerender(<ScrollBox lines={[...lines, 'line 31', 'line 32', 'line 33']} height={10} follow />);
    await waitForText(r, 'lines 25–33 of 33');
  });
});
