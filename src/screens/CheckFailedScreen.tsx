/** When the check fails: what went wrong, and a way back to choose differently instead of dying. */
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { useKeys } from '../components/use-keys.js';
import { wrapText } from '../components/wrap.js';

export interface CheckFailedScreenProps {
  message: string;
  /** Columns to fold the message into: a command in it (`aws sso login …`) stays whole or breaks with ` \`. */
  width: number;
  onBack(): void;
}

/** Esc or Enter goes back to the last question; Ctrl-C quits (nothing was created). */
export function CheckFailedScreen({ message, width, onBack }: CheckFailedScreenProps) {
  useKeys((_input, key) => {
    if (key.escape || key.return) onBack();
  });
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        ✗ The check failed
      </Text>
      {wrapText(message, width - 1, 2).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text dimColor>Nothing was created.</Text>
      <KeyHints hints={['Esc/Enter go back and choose another profile, region or name', 'Ctrl-C quit']} />
    </Box>
  );
}
