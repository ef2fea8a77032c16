/**
 * The one line-editing rule of the wizard's text fields and filters, with a cursor: typing and paste
 * insert at it; ←/→, Home/End and Ctrl-A/Ctrl-E move it; Backspace, Ctrl-W (the word before it),
 * Ctrl-U (all before it) and Ctrl-K (all after it) delete. A terminal may deliver several keys in one
 * read (a held Backspace, a fast typist, tmux, a paste): Ink 6.8 hands `\x7f\x7f\x7f` over as one input
 * with no key flag, so Backspaces are counted here rather than trusted to key.backspace. Ink 6 reports
 * the Delete key as a Backspace too, so both delete backwards.
 */
import type { Key } from 'ink';

/** A line and its cursor, in code points from the start (0..length). */
export interface Line {
  text: string;
  cursor: number;
}

const ERASE = /^[\u007F\b]+$/;

/** Keeps only what a person can type: no control characters, no newlines from a paste. */
export function printable(input: string): string {
  return [...input].filter((c) => c >= ' ' && c !== '\u007F' && !(c >= '\u0080' && c <= '\u009F')).join('');
}

/** Start of the word before `at` (whitespace-delimited, as readline's Ctrl-W). */
function wordStart(chars: string[], at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(chars[i - 1] ?? '')) i--;
  while (i > 0 && !/\s/.test(chars[i - 1] ?? '')) i--;
  return i;
}

/**
 * The line after this input, or undefined when the input is not an edit (Enter, Esc, ↑/↓, Tab...).
 * `max` bounds the length in code points: a longer paste is cut, and `cut` says by how much.
 */
export function editKey(line: Line, input: string, key: Key, max = Infinity): (Line & { cut?: number }) | undefined {
  const chars = [...line.text];
  const at = Math.min(Math.max(line.cursor, 0), chars.length);
  const make = (next: string[], cursor: number): Line => ({ text: next.join(''), cursor });
  if (key.escape || key.return || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) return make(chars, Math.max(at - 1, 0));
  if (key.rightArrow) return make(chars, Math.min(at + 1, chars.length));
  if (key.home || (key.ctrl && input === 'a')) return make(chars, 0);
  if (key.end || (key.ctrl && input === 'e')) return make(chars, chars.length);
  if (key.ctrl) {
    if (input === 'u') return make(chars.slice(at), 0);
    if (input === 'k') return make(chars.slice(0, at), at);
    if (input === 'w') {
      const from = wordStart(chars, at);
      return make([...chars.slice(0, from), ...chars.slice(at)], from);
    }
    return undefined;
  }
  if (key.meta) return undefined;
  const erase = ERASE.test(input) ? input.length : key.backspace || key.delete ? 1 : 0;
  if (erase > 0) {
    const from = Math.max(at - erase, 0);
    return make([...chars.slice(0, from), ...chars.slice(at)], from);
  }
  const typed = [...printable(input)];
  if (typed.length === 0) return undefined;
  const room = Math.max(max - chars.length, 0);
  const kept = typed.slice(0, room);
  const out: Line & { cut?: number } = make([...chars.slice(0, at), ...kept, ...chars.slice(at)], at + kept.length);
  if (kept.length < typed.length) out.cut = typed.length - kept.length;
  return out;
}

/** The old rule, cursor at the end: the value after this input, or undefined when it is not an edit. */
export function editLine(value: string, input: string, key: Key): string | undefined {
  return editKey({ text: value, cursor: [...value].length }, input, key)?.text;
}
