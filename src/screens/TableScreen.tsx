/** Step 4: the table name, pre-filled with the kind's default and validated as you type. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { TABLE_NAME_MAX } from '../core/validate.js';

export interface TableScreenProps {
  initial: string;
  validate(name: string): string | undefined;
  onSubmit(name: string): void;
  onBack?(): void;
}

/** Text field; the reason a name is refused is shown while typing, and Enter refuses it too. */
export function TableScreen({ initial, validate, onSubmit, onBack }: TableScreenProps) {
  const [value, setValue] = useState(initial);
  const problem = validate(value);
  return (
    <Box flexDirection="column">
      <Text bold>Table name?</Text>
      <Text>
        <Text color="cyan">{'› '}</Text>
        <LineInput value={value} onChange={setValue} onSubmit={(v) => !problem && onSubmit(v)} onEscape={onBack} max={TABLE_NAME_MAX} />
      </Text>
      {problem ? <Text color="red">✗ {problem}</Text> : <Text color="green">✓ valid name</Text>}
      <KeyHints hints={['Enter accept', 'Backspace edit', 'Ctrl-U clear', onBack && 'Esc back']} />
    </Box>
  );
}
