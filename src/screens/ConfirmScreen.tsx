/** Step 8: the one question before anything changes. `[y/N]`: only `y` applies. */
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { useKeys } from '../components/use-keys.js';

export interface ConfirmScreenProps {
  question: string;
  onYes(): void;
  onNo(): void;
  onBack(): void;
}

/** y applies; n or Enter declines; Esc goes back to the policy. */
export function ConfirmScreen({ question, onYes, onNo, onBack }: ConfirmScreenProps) {
  useKeys((input, key) => {
    if (key.escape) return onBack();
    if (key.ctrl || key.meta) return;
    if (input.toLowerCase() === 'y') onYes();
    else if (input.toLowerCase() === 'n' || key.return) onNo();
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{question}</Text> <Text dimColor>[y/N]</Text>
      </Text>
      <KeyHints hints={['y apply', 'n/Enter no', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}
