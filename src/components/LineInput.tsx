/**
 * A one-line text field on useInput (ink-text-input corrupts its cursor on Left past the start and
 * inserts pasted newlines): typing appends, Backspace deletes, Ctrl-U clears, Enter submits.
 */
import { Text, useInput } from 'ink';
import { printable } from './list-model.js';

export interface LineInputProps {
  value: string;
  onChange(value: string): void;
  onSubmit(value: string): void;
  onEscape?(): void;
  /** Shows one `•` per character (MFA codes). */
  mask?: boolean;
}

/** Controlled single-line input with the cursor at the end. */
export function LineInput({ value, onChange, onSubmit, onEscape, mask }: LineInputProps) {
  useInput((input, key) => {
    // Ink marks Esc as meta too: test it first.
    if (key.escape) return onEscape?.();
    if (key.ctrl) {
      if (input === 'u') onChange('');
      return;
    }
    if (key.meta) return;
    if (key.return) return onSubmit(value);
    if (key.backspace || key.delete) return onChange(value.slice(0, -1));
    if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.pageUp || key.pageDown) return;
    const typed = printable(input);
    if (typed) onChange(value + typed);
  });
  return (
    <Text>
      {mask ? '•'.repeat(value.length) : value}
      <Text inverse> </Text>
    </Text>
  );
}
