/**
 * A one-line text field: the table name, a tag, the MFA code. Not ink-text-input (the card's
 * package): it has no Home/End, Ctrl-A/E/W/U and no length bound, its cursor breaks on Left past the
 * start, it inserts pasted newlines, and it listens through Ink's own useInput, which drops keys
 * typed while a screen mounts; this one edits by src/components/line-edit.ts and takes its keys
 * through useKeys (queued until the field is on screen).
 */
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { CursorText } from './CursorText.js';
import { MAX_TEXT } from './key-chunks.js';
import { editKey, type Line } from './line-edit.js';
import { useKeys } from './use-keys.js';

export interface LineInputProps {
  value: string;
  onChange(value: string): void;
  onSubmit(value: string): void;
  onEscape?(): void;
  /** Shows one `•` per character (MFA codes). */
  mask?: boolean;
  /**
   * Longest value in code points (default MAX_TEXT): a paste beyond it is cut, the field says so
   * after the cursor, and onCut says by how much (of what reached the field; key-chunks.ts drops more).
   */
  max?: number;
  onCut?(chars: number): void;
}

/** Controlled single-line input: the value comes from the parent, the cursor lives here. */
export function LineInput({ value, onChange, onSubmit, onEscape, mask, max = MAX_TEXT, onCut }: LineInputProps) {
  const [cursor, setCursor] = useState([...value].length);
  const [cut, setCut] = useState(false);
  // Several keys can arrive before the parent re-renders: each edit builds on the last one.
  const latest = useRef<Line>({ text: value, cursor });
  latest.current = { text: value, cursor: Math.min(cursor, [...value].length) };
  useKeys((input, key) => {
    // Ink marks Esc as meta too: test it first.
    if (key.escape) return onEscape?.();
    if (key.return) return onSubmit(latest.current.text);
    const next = editKey(latest.current, input, key, max);
    if (!next) return;
    if (next.cut) onCut?.(next.cut);
    const changed = next.text !== latest.current.text;
    if (next.cut || changed) setCut(Boolean(next.cut));
    latest.current = next;
    setCursor(next.cursor);
    if (changed) onChange(next.text);
  });
  return (
    <>
      <CursorText text={value} cursor={Math.min(cursor, [...value].length)} mask={mask} />
      {cut && <Text dimColor>{`  (paste cut at the ${max}-character limit)`}</Text>}
    </>
  );
}
