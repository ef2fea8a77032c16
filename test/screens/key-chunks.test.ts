// Keys that arrive in one read from the terminal, split back into the keys a person pressed.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT, splitKeys } from '../../src/components/key-chunks.js';

const NONE = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false } as Key;
/** Each key as a short name: text as itself, flags as ⏎ ⌫ ⇥ ^x. */
const names = (keys: [string, Key][]) => keys.map(([input, key]) => (key.return ? '⏎' : key.delete || key.backspace ? '⌫' : key.tab ? '⇥' : key.ctrl ? `^${input}` : input));

describe('splitKeys', () => {
  it('splits typed-ahead text at each Enter and Ctrl key, keeping the runs of text whole', () => {
    expect(names(splitKeys('dev\reu-central-1\r\u0015typed-ahead\r', NONE))).toEqual(['dev', '⏎', 'eu-central-1', '⏎', '^u', 'typed-ahead', '⏎']);
  });

  it('gives each Backspace, Tab and a newline from a paste their own key; Ctrl-C stays Ctrl-C', () => {
    expect(names(splitKeys('ab\u007F\u007F\tc\n', NONE))).toEqual(['ab', '⌫', '⌫', '⇥', 'c', '⏎']);
    expect(names(splitKeys('yes\u0003', NONE))).toEqual(['yes', '^c']);
  });

  it('leaves one key, plain text and keys Ink already named alone', () => {
    expect(splitKeys('a', NONE)).toEqual([['a', NONE]]);
    expect(splitKeys('pasted text', NONE)).toEqual([['pasted text', NONE]]);
    const enter = { ...NONE, return: true };
    expect(splitKeys('\r', enter)).toEqual([['\r', enter]]);
  });

  it('drops a huge paste beyond MAX_TEXT per run in one linear pass (before: 200,000 characters froze the wizard)', () => {
    const started = performance.now();
    const keys = splitKeys(`${'a'.repeat(500_000)}\r${'b'.repeat(500_000)}`, NONE);
    expect(performance.now() - started).toBeLessThan(200);
    expect(keys.map(([input]) => input.length)).toEqual([MAX_TEXT, 0, MAX_TEXT]);
    expect(names(keys)[1]).toBe('⏎');
    // Never half a surrogate pair at the cut.
    const emoji = splitKeys(`a${'😀'.repeat(MAX_TEXT)}\r`, NONE)[0]?.[0] ?? '';
    expect(emoji.length).toBe(MAX_TEXT - 1);
    expect(emoji.at(-1)).not.toMatch(/[\uD800-\uDBFF]/);
  });
});
