// Our spinner (src/components/Spinner.tsx): it turns while mounted, through ink-spinner's "dots" frames.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { Spinner } from '../../src/components/Spinner.js';

afterEach(cleanup);

it('turns through the dots frames, one every 80 ms', async () => {
  const r = render(<Spinner />);
  expect(r.lastFrame()).toBe('⠋');
  const seen = new Set<string>();
  const until = Date.now() + 2_000;
  while (seen.size < 3 && Date.now() < until) {
    await new Promise((res) => setTimeout(res, 20));
    seen.add(r.lastFrame() ?? '');
  }
  // Two ticks at least (timers on a shared machine may run late, never early).
  expect([...seen].every((f) => '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'.includes(f) && f.length === 1)).toBe(true);
  expect(seen.has('⠙')).toBe(true);
  expect(seen.has('⠹')).toBe(true);
});
