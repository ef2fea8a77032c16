/**
 * A line of text with its cursor. The character under the cursor is drawn inverse; with NO_COLOR
 * (which drops inverse and colour) a `|` marks the spot instead, so the cursor never disappears.
 */
import { Text } from 'ink';

const NO_COLOR = Boolean(process.env.NO_COLOR);

/** `text` with the cursor at `cursor` (code points); `mask` shows one • per character (MFA codes). */
export function CursorText({ text, cursor, mask, placeholder }: { text: string; cursor: number; mask?: boolean; placeholder?: string }) {
  const chars = [...(mask ? '•'.repeat([...text].length) : text)];
  const at = Math.min(Math.max(cursor, 0), chars.length);
  const under = chars[at] ?? ' ';
  const before = chars.slice(0, at).join('');
  const after = chars.slice(at + 1).join('');
  if (chars.length === 0 && placeholder) {
    return (
      <Text>
        {NO_COLOR ? '|' : <Text inverse> </Text>}
        <Text dimColor>{placeholder}</Text>
      </Text>
    );
  }
  return (
    <Text>
      {before}
      {NO_COLOR ? `|${under === ' ' && at === chars.length ? '' : under}` : <Text inverse>{under}</Text>}
      {after}
    </Text>
  );
}
