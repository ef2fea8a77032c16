/**
 * Step 5: tags, optional. The tool's two are listed first (every table gets them); each `key=value`
 * line typed and entered adds one; Enter on an empty line continues. What a line means, and why one
 * is refused, is decided by the wizard's reducer (src/wizard/steps.ts), not here.
 */
import { Box, Text } from 'ink';
import { TAG_LINE_MAX, type Tag } from '../core/tags.js';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';

export interface TagsScreenProps {
  tool: readonly Tag[];
  user: readonly Tag[];
  draft: string;
  error?: string;
  onDraft(text: string): void;
  onEnter(text: string): void;
  onBack?(): void;
}

/** The tags so far and a line to add one. */
export function TagsScreen({ tool, user, draft, error, onDraft, onEnter, onBack }: TagsScreenProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Tags?</Text>
      {tool.map((t) => (
        <Text key={t.key} wrap="truncate-end">
          {'  '}
          {t.key}={t.value}
          <Text dimColor>  always set by sentinel-init</Text>
        </Text>
      ))}
      {user.map((t) => (
        <Text key={t.key} color="green" wrap="truncate-end">
          {'  '}
          {t.key}={t.value}
        </Text>
      ))}
      <Text>
        <Text color="cyan">{'› '}</Text>
        <LineInput value={draft} onChange={onDraft} onSubmit={onEnter} onEscape={onBack} max={TAG_LINE_MAX} />
      </Text>
      {error ? <Text color="red">✗ {error}</Text> : <Text dimColor>type key=value to add a tag (optional)</Text>}
      <KeyHints hints={[draft.trim() === '' ? 'Enter continue' : 'Enter add', 'Ctrl-U clear', onBack && 'Esc back']} />
    </Box>
  );
}
