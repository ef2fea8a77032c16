/**
 * The jumps a long profile or region list needs: PgDn/PgUp move a window's worth of rows and stop
 * at the ends; Home/End belong to the filter text (they move its cursor), never to the list.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterList } from '../../src/components/FilterList.js';
import type { ListItem } from '../../src/components/list-model.js';
import { KEY, press, type, waitForText } from './helpers.js';

afterEach(cleanup);

const items: ListItem<string>[] = Array.from({ length: 20 }, (_, i) => {
  const name = `region-${String(i).padStart(2, '0')}`;
  return { key: name, label: name, value: name };
});

describe('FilterList keys', () => {
  it('PgDn and PgUp move by the rows shown, and stop at the last and first item', async () => {
    const r = render(<FilterList items={items} rows={5} onSelect={() => {}} />);
    await waitForText(r, '❯ region-00');
    await press(r, KEY.pageDown, '❯ region-05');
    expect(r.lastFrame()).toContain('6/20');
    await press(r, KEY.pageDown, '❯ region-10');
    await press(r, KEY.pageDown, '❯ region-15');
    await press(r, KEY.pageDown, '❯ region-19');
    await press(r, KEY.pageDown);
    expect(r.lastFrame()).toContain('❯ region-19');
    await press(r, KEY.pageUp, '❯ region-14');
    await press(r, KEY.pageUp, '❯ region-09');
    await press(r, KEY.pageUp, '❯ region-04');
    await press(r, KEY.pageUp, '❯ region-00');
    await press(r, KEY.up);
    expect(r.lastFrame()).toContain('❯ region-00');
  });

  it('PgDn within a filtered list stays within the matches, and Enter chooses where it landed', async () => {
    let chosen: string | undefined;
    const r = render(<FilterList items={items} rows={5} onSelect={(i) => (chosen = i.value)} />);
    await waitForText(r, '❯ region-00');
    await type(r, '1');
    await waitForText(r, '› 1');
    // Matches: region-01 and region-10..19 (11 rows); a page down from the first lands on region-14.
    await press(r, KEY.pageDown, '❯ region-14');
    await press(r, KEY.enter);
    expect(chosen).toBe('region-14');
  });

  it('Home and End move the cursor in the filter: typing after Home goes in front', async () => {
    const r = render(<FilterList items={items} rows={5} onSelect={() => {}} />);
    await waitForText(r, '❯ region-00');
    await type(r, '9');
    await waitForText(r, '❯ region-09');
    await press(r, KEY.home);
    await type(r, '1');
    // "19", not "91": the 1 went in front of the 9.
    await waitForText(r, '❯ region-19');
    expect(r.lastFrame()).not.toContain('no match');
    await press(r, KEY.end);
    await type(r, 'x');
    await waitForText(r, 'no match for "19x"');
  });
});
