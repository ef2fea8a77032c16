/**
 * Step 8: the one question before anything changes. `[y/N]`: only `y` applies. When a table looks
 * like another kind's, a single key is not enough: `yes` must be typed out, then Enter.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { useKeys } from '../components/use-keys.js';
import { saverTone, useSaver } from '../components/use-save.js';
import type { CodeFormat } from '../wizard/services.js';
import { codeKey } from './code-keys.js';

export interface ConfirmScreenProps {
  question: string;
  /** Said above the question (a table that looks like another kind). */
  warnings?: readonly string[];
  /** Ask for `yes` typed out instead of one key. */
  strict?: boolean;
  /** `t`/`c`: don't create, save the code instead (then the run ends); rejects with why it could not save. */
  codeOnly?(format: CodeFormat): Promise<string>;
  onYes(): void;
  onNo(): void;
  onBack(): void;
}

/** y applies; n or Enter declines; Esc goes back to the policy. */
export function ConfirmScreen({ question, warnings = [], strict, codeOnly, onYes, onNo, onBack }: ConfirmScreenProps) {
  const [typed, setTyped] = useState('');
  const saver = useSaver();
  useKeys(
    (input, key) => {
      if (key.escape) return onBack();
      const code = codeKey(input, key);
      if (code && codeOnly) return saver.run(code.name, () => codeOnly(code.format));
      if (key.ctrl || key.meta || saver.busy) return;
      if (input.toLowerCase() === 'y') onYes();
      else if (input.toLowerCase() === 'n' || key.return) onNo();
    },
    { isActive: !strict },
  );
  return (
    <Box flexDirection="column">
      {warnings.map((w) => (
        <Text key={w} color="yellow">
          ! {w}
        </Text>
      ))}
      {strict ? (
        <>
          <Text bold>{question}</Text>
          <Text>
            Type <Text bold>yes</Text> to apply anyway: <LineInput value={typed} onChange={setTyped} onSubmit={(v) => (v.trim().toLowerCase() === 'yes' ? onYes() : onNo())} onEscape={onBack} max={8} />
          </Text>
          <KeyHints hints={['yes + Enter apply', 'anything else + Enter no', 'Esc back', 'Ctrl-C quit']} />
        </>
      ) : (
        <>
          <Text>
            <Text bold>{question}</Text> <Text dimColor>[y/N]</Text>
          </Text>
          {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : null}
          <KeyHints hints={['y apply', 'n/Enter no', codeOnly && "t/c don't create, save Terraform/CloudFormation instead", 'Esc back', 'Ctrl-C quit']} />
        </>
      )}
    </Box>
  );
}
