/**
 * Step 7: the IAM policy for these answers, with the real account (and partition) when known,
 * coloured and scrolled inside the terminal; `s` saves it to a file and says where.
 */
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { ScrollBox } from '../components/ScrollBox.js';
import { useKeys } from '../components/use-keys.js';
import { saverTone, useSaver } from '../components/use-save.js';
import { wrapText } from '../components/wrap.js';

export interface IamScreenProps {
  json: string;
  /** e.g. "IAM policy for this table". */
  title: string;
  /** What Enter does next, e.g. "continue" or "finish". */
  nextLabel: string;
  /** Says whose account the ARNs name. */
  accountNote: string;
  height: number;
  /** Columns to fold long lines (ARNs) into: nothing is cut at 80 columns. */
  width: number;
  /** Where it was saved already (the screen remembers when you come back to it). */
  saved?: string;
  save(): Promise<string>;
  onNext(): void;
  onBack?(): void;
}

/** One line of pretty JSON: keys cyan, strings green, punctuation dimmed. */
export function JsonLine({ line }: { line: string }) {
  const parts = line.split(/("(?:[^"\\]|\\.)*"\s*:?)/);
  return (
    <Text wrap="truncate-end">
      {parts.map((p, i) =>
        p.startsWith('"') ? (
          <Text key={i} color={p.trimEnd().endsWith(':') ? 'cyan' : 'green'}>
            {p}
          </Text>
        ) : (
          <Text key={i} dimColor>
            {p}
          </Text>
        ),
      )}
    </Text>
  );
}

/** Policy JSON in a scrolled window; `s` writes it without overwriting anything. */
export function IamScreen({ json, title, nextLabel, accountNote, height, width, saved: savedBefore, save, onNext, onBack }: IamScreenProps) {
  const saver = useSaver(savedBefore && `✓ Saved the policy to ${savedBefore}`);
  useKeys((input, key) => {
    if (key.return) onNext();
    else if (key.escape) onBack?.();
    else if (input === 's' && !key.ctrl) saver.run('the policy', save);
  });
  const lines = json
    .trimEnd()
    .split('\n')
    .flatMap((l) => wrapText(l, width - 1, l.length - l.trimStart().length + 2))
    .map((l, i) => <JsonLine key={i} line={l} />);
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Text dimColor>{accountNote}</Text>
      <ScrollBox lines={lines} height={Math.max(height - 4, 3)} />
      {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : <Text> </Text>}
      <KeyHints hints={[`Enter ${nextLabel}`, 's save to a file', onBack && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}
