/**
 * Step 7: the two IAM policies for these answers, each under a heading that says who gets it, with the
 * real account (and partition) when known, coloured and scrolled inside the terminal; `s` saves both
 * (one file each) and says where.
 */
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { ScrollBox } from '../components/ScrollBox.js';
import { useKeys } from '../components/use-keys.js';
import { saverTone, useSaver } from '../components/use-save.js';
import { wrapText } from '../components/wrap.js';

/** One policy as the screen shows it. */
export interface PolicySection {
  /** e.g. "Provisioning policy". */
  heading: string;
  /** Where it goes, in a sentence. */
  note: string;
  json: string;
}

export interface IamScreenProps {
  sections: readonly PolicySection[];
  /** e.g. "IAM policies for this table". */
  title: string;
  /** What Enter does next, e.g. "continue" or "finish". */
  nextLabel: string;
  /** Says whose account the ARNs name. */
  accountNote: string;
  height: number;
  /** Columns to fold long lines (ARNs) into: nothing is cut at 80 columns. */
  width: number;
  /** Where they were saved already (the screen remembers when you come back to it). */
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

/** Each section's heading, its note and its JSON, as the scrolled lines. */
function sectionLines(sections: readonly PolicySection[], width: number) {
  return sections.flatMap((s, n) => [
    ...(n > 0 ? [<Text key={`${n}-gap`}> </Text>] : []),
    <Text key={`${n}-h`} bold color="magenta">
      {s.heading}
    </Text>,
    ...wrapText(s.note, width - 1, 0).map((l, i) => <Text key={`${n}-n${i}`}>{l}</Text>),
    ...s.json
      .trimEnd()
      .split('\n')
      .flatMap((l) => wrapText(l, width - 1, l.length - l.trimStart().length + 2))
      .map((l, i) => <JsonLine key={`${n}-j${i}`} line={l} />),
  ]);
}

/** The policies in a scrolled window; `s` writes them without overwriting anything. */
export function IamScreen({ sections, title, nextLabel, accountNote, height, width, saved: savedBefore, save, onNext, onBack }: IamScreenProps) {
  const saver = useSaver(savedBefore && `✓ Saved the policies to ${savedBefore}`);
  useKeys((input, key) => {
    if (key.return) onNext();
    else if (key.escape) onBack?.();
    else if (input === 's' && !key.ctrl) saver.run('the policies', save);
  });
  // Two file names may fold the saved line onto a second row: the policies give up that row, so the screen keeps its height.
  const savedRows = saver.line ? wrapText(saver.line, width, 0).length : 1;
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Text dimColor>{accountNote}</Text>
      <ScrollBox lines={sectionLines(sections, width)} height={Math.max(height - 3 - savedRows, 3)} />
      {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : <Text> </Text>}
      <KeyHints hints={[`Enter ${nextLabel}`, 's save both to files', onBack && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}
