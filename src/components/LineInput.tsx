/**
 * A one-line text field on useInput (ink-text-input corrupts its cursor on Left past the start and
 * inserts pasted newlines): typing appends, Backspace deletes, Ctrl-U clears, Enter submits.
 */
import { Text } from 'ink';
import { useRef } from 'react';
import { editLine } from './line-edit.js';
import { useKeys } from './use-keys.js';

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
  // Several keys can arrive before the parent re-renders: each edit builds on the last one.
  const latest = useRef(value);
  latest.current = value;
  useKeys((input, key) => {
    // Ink marks Esc as meta too: test it first.
    if (key.escape) return onEscape?.();
    if (key.return) return onSubmit(latest.current);
    const next = editLine(latest.current, input, key);
    if (next === undefined || next === latest.current) return;
    latest.current = next;
    onChange(next);
  });
  return (
    <Text>
      {mask ? '•'.repeat(value.length) : value}
      <Text inverse> </Text>
    </Text>
  );
}
