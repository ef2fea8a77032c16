import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterList } from '../../src/components/FilterList.js';
import type { ListItem } from '../../src/components/list-model.js';
import { KEY, press, type, waitFor, waitForText } from './helpers.js';

afterEach(cleanup);

const many: ListItem<string>[] = Array.from({ length: 300 }, (_, i) => {
  const name = `profile-${String(i).padStart(3, '0')}`;
  return { key: name, label: name, detail: i % 2 ? 'eu-west-1' : 'us-east-1', value: name };
});

describe('FilterList', () => {
  it('shows a window of rows with a position hint, even for hundreds of items', async () => {
    const r = render(<FilterList items={many} initialKey="profile-150" onSelect={() => {}} />);
    const frame = await waitForText(r, 'profile-150');
    const rows = frame.split('\n').filter((l) => l.includes('profile-'));
    expect(rows).toHaveLength(8);
    expect(frame).toContain('❯ profile-150');
    expect(frame).toContain('151/300');
  });

  it('two arrows in one read move two rows; Backspaces in one read each delete', async () => {
    const r = render(<FilterList items={many} initialKey="profile-010" onSelect={() => {}} />);
    await waitForText(r, '❯ profile-010');
    await press(r, KEY.down + KEY.down, '❯ profile-012');
    await type(r, '1234');
    await waitForText(r, '› 1234');
    await press(r, KEY.backspace.repeat(3));
    await waitFor(r, (f) => /^› 1\s*$/m.test(f));
    expect(r.lastFrame()).toContain('profile-001');
  });

  it('filters as you type and chooses with Enter', async () => {
    let chosen: string | undefined;
    const r = render(<FilterList items={many} onSelect={(i) => (chosen = i.value)} />);
    await waitForText(r, 'profile-000');
    await type(r, '29');
    const frame = await waitForText(r, '› 29');
    expect(frame).toContain('profile-029');
    expect(frame).toContain('profile-290');
    expect(frame).not.toContain('profile-150');
    await press(r, KEY.down);
    await press(r, KEY.enter);
    expect(chosen).toBe('profile-129');
  });

  it('says when nothing matches, and Backspace widens the filter again', async () => {
    const r = render(<FilterList items={many} onSelect={() => {}} />);
    await waitForText(r, 'profile-000');
    await type(r, 'zz');
    expect(await waitForText(r, 'no match for "zz"')).not.toContain('profile-000');
    await press(r, KEY.backspace);
    await press(r, KEY.backspace);
    await waitForText(r, 'profile-000');
  });

  it('refuses a disabled item with its reason and goes back on Esc', async () => {
    let chosen = false;
    let back = false;
    const items = [{ key: 'x', label: 'x-profile', value: 'x', disabled: 'source_profile "y" does not exist' }];
    const r = render(<FilterList items={items} onSelect={() => (chosen = true)} onBack={() => (back = true)} />);
    expect(await waitForText(r, '✗ source_profile "y" does not exist')).toContain('x-profile');
    await press(r, KEY.enter, 'x-profile cannot be used');
    expect(chosen).toBe(false);
    await press(r, KEY.esc);
    expect(back).toBe(true);
  });

  it('Esc clears a filter first, keeping the highlighted row, and only then goes back', async () => {
    let backs = 0;
    const r = render(<FilterList items={many} initialKey="profile-010" onSelect={() => {}} onBack={() => backs++} />);
    await waitForText(r, '❯ profile-010');
    await type(r, '250');
    await waitForText(r, '❯ profile-250');
    await press(r, KEY.esc, '251/300');
    expect(r.lastFrame()).toContain('❯ profile-250');
    expect(r.lastFrame()).toContain('Esc back');
    expect(backs).toBe(0);
    await press(r, KEY.esc);
    await waitFor(r, () => backs === 1);
  });
});

