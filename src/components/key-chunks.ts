/**
 * Ink 6.8 splits a read from the terminal at escape sequences only. Keys typed ahead in one read
 * (tmux, a fast typist, a paste) such as `dev⏎eu-central-1⏎` reach useInput as ONE input with no key
 * flag, so their Enters and Ctrl keys would be taken as text (and then dropped as unprintable): the
 * profile filter read "deveu-central-1" and the region was never chosen. This splits such an input
 * back into the keys a person pressed, each with the flags Ink gives that key on its own. Pure.
 */
import type { Key } from 'ink';

/** True for the bytes a terminal sends for Enter, Backspace, Tab and Ctrl-letter. */
const isControl = (c: string) => c < ' ' || c === '\u007F';

/** `key` with every flag off (the same shape, whatever Ink version made it). */
function plain(key: Key): Key {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, typeof value === 'boolean' ? false : value])) as unknown as Key;
}

/** One control byte as Ink reports it alone: Enter, Backspace (\x7f is `delete` in Ink 6), Tab, Ctrl-letter. */
function controlKey(c: string, base: Key): [string, Key] {
  if (c === '\r' || c === '\n') return ['', { ...base, return: true }];
  if (c === '\u007F') return ['', { ...base, delete: true }];
  if (c === '\b') return ['', { ...base, backspace: true }];
  if (c === '\t') return ['', { ...base, tab: true }];
  const code = c.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...base, ctrl: true }];
  return [c, base];
}

/**
 * The most text one key may carry, in UTF-16 units: more than any field takes (the longest, a tag
 * line, is 385), so a field still sees that a paste was too long and says so, while a paste of
 * 200,000 characters is dropped here, in one linear pass, before any field edits or draws it.
 */
export const MAX_TEXT = 1024;

/** Whether `key` has no flag set (Ink named no key). */
const isText = (key: Key): boolean => !Object.values(key).some((v) => v === true);

/** Printable text with no key flag: two such keys in a row may be joined, up to MAX_TEXT. */
export const joinable = ([input, key]: [string, Key]): boolean => input !== '' && isText(key) && !/[\u0000-\u001f\u007f]/.test(input);

/** `a` and `b` as one text, cut at MAX_TEXT (whole code points). */
export function joinText(a: string, b: string): string {
  if (a.length >= MAX_TEXT) return a;
  const joined = a + b.slice(0, MAX_TEXT - a.length + 1);
  if (joined.length <= MAX_TEXT) return joined;
  // Never half a surrogate pair at the cut.
  const cut = joined.slice(0, MAX_TEXT);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The keys in one input: itself when it is one key; else runs of text and each control byte apart. */
export function splitKeys(input: string, key: Key): [string, Key][] {
  // One key, or one Ink named (an escape sequence): nothing to split.
  if (input.length < 2 || !isText(key)) return [[input, key]];
  const base = plain(key);
  const keys: [string, Key][] = [];
  let from = 0;
  // By index, not by spreading the input: linear, and text beyond MAX_TEXT is never copied.
  for (let i = 0; i <= input.length; i++) {
    const c = input[i];
    if (c !== undefined && !isControl(c)) continue;
    if (i > from) keys.push([joinText('', input.slice(from, Math.min(i, from + MAX_TEXT + 1))), base]);
    if (c !== undefined) keys.push(controlKey(c, base));
    from = i + 1;
  }
  if (keys.length === 1 && keys[0]?.[0] === input) return [[input, key]];
  return keys;
}
