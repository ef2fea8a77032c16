/**
 * The one line-editing rule of the wizard's text fields and filters. A terminal may deliver several
 * keys in one read (a held Backspace, a fast typist, tmux): Ink 6.8 hands `\x7f\x7f\x7f` over as one
 * input with no key flag, so Backspaces are counted here rather than trusted to key.backspace.
 */
import type { Key } from 'ink';

const ERASE = /^[\u007F\b]+$/;

/** The value after this input, or undefined when the input is not an edit (arrows, Enter, Esc...). */
export function editLine(value: string, input: string, key: Key): string | undefined {
  if (key.escape || key.return || key.meta) return undefined;
  if (key.ctrl) return input === 'u' ? '' : undefined;
  if (ERASE.test(input)) return [...value].slice(0, -input.length).join('');
  if (key.backspace || key.delete) return [...value].slice(0, -1).join('');
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.pageUp || key.pageDown) return undefined;
  const typed = printable(input);
  return typed ? value + typed : undefined;
}

/** Keeps only what a person can type: no control characters, no newlines from a paste. */
export function printable(input: string): string {
  return [...input].filter((c) => c >= ' ' && c !== '\u007F').join('');
}
