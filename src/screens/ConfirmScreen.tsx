/**
 * Step 8: the one question before anything changes. `[y/n]` with no default: every other screen
 * goes on with Enter, so an Enter pressed out of habit answers nothing here (a default of No ended
 * the run and dropped every answer). When a table looks like another kind's, a single key is not
 * enough: `yes` must be typed out, then Enter.
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

/** y applies; n declines; Enter alone says to choose; Esc goes back to the policy. */
export function ConfirmScreen({ question, warnings = [], strict, codeOnly, onYes, onNo, onBack }: ConfirmScreenProps) {
  const [typed, setTyped] = useState('');
  // Shown after an Enter that answered nothing, so the key visibly did something.
  const [nudge, setNudge] = useState(false);
  const saver = useSaver();
  useKeys(
    (input, key) => {
      if (key.escape) return onBack();
      const code = codeKey(input, key);
      if (code && codeOnly) return saver.run(code.name, () => codeOnly(code.format));
      if (key.ctrl || key.meta || saver.busy) return;
      if (input.toLowerCase() === 'y') onYes();
      else if (input.toLowerCase() === 'n') onNo();
      else if (key.return) setNudge(true);
    },
    { isActive: !strict },
  );
  const submit = (value: string) => {
    const word = value.trim().toLowerCase();
    if (word === 'yes') onYes();
    else if (word === 'no') onNo();
    else setNudge(true);
  };
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
            Type <Text bold>yes</Text> to apply anyway: <LineInput value={typed} onChange={(v) => (setTyped(v), setNudge(false))} onSubmit={submit} onEscape={onBack} max={8} />
          </Text>
          {nudge ? <Text color="yellow">Type yes to apply or no to decline, then Enter.</Text> : null}
          <KeyHints hints={['yes + Enter apply', 'no + Enter decline', 'Esc back', 'Ctrl-C quit']} />
        </>
      ) : (
        <>
          <Text>
            <Text bold>{question}</Text> <Text dimColor>[y/n]</Text>
          </Text>
          {nudge ? <Text color="yellow">Press y to apply or n to decline.</Text> : null}
          {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : null}
          {/* Two lines, so each fits 80 columns without folding in the middle of a hint. */}
          <KeyHints hints={['y apply', 'n decline', 'Enter does nothing until y or n']} />
          <KeyHints hints={[codeOnly && "t/c don't create, save Terraform/CloudFormation instead", 'Esc back', 'Ctrl-C quit']} />
        </>
      )}
    </Box>
  );
}
