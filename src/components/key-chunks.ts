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

/** The keys in one input: itself when it is one key; else runs of text and each control byte apart. */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  if (chars.length < 2 || !chars.some(isControl)) return [[input, key]];
  // Ink named it (an escape sequence, a single key): nothing to split.
  if (Object.values(key).some((v) => v === true)) return [[input, key]];
  const base = plain(key);
  const keys: [string, Key][] = [];
  let text = '';
  for (const c of chars) {
    if (!isControl(c)) {
      text += c;
      continue;
    }
    if (text) keys.push([text, base]);
    text = '';
    keys.push(controlKey(c, base));
  }
  if (text) keys.push([text, base]);
  return keys;
}
