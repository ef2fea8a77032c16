/** Step 6: the live plan (the same value as --plan), with the account and caller when known. */
import { Box, Text } from 'ink';
import type { Identity } from '../aws/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { ScrollBox } from '../components/ScrollBox.js';
import type { Plan } from '../engine/types.js';
import { costLine, overviewLines, planLines, summaryLine, type PlanLine, type Tone } from '../service/plan-lines.js';
import { useKeys } from '../components/use-keys.js';
import { identityText } from '../service/who.js';
import { saverTone, useSaver } from '../components/use-save.js';
import type { CodeFormat } from '../wizard/services.js';
import { CODE_HINT, codeKey } from './code-keys.js';
import { wrapPieces } from '../components/wrap.js';

export interface PlanScreenProps {
  /** One per table (several for `all`). */
  plans: readonly Plan[];
  identity?: Identity;
  /** True when talking to a custom endpoint (STS skipped). */
  endpointUrl?: string;
  height: number;
  /** Columns to fold long lines into. */
  width: number;
  /** `t`/`c`: save the code of these tables; resolves with the paths written. */
  saveCode?(format: CodeFormat): Promise<string>;
  onNext(): void;
  onBack?(): void;
}

const COLOR: Partial<Record<Tone, string>> = { add: 'green', remove: 'red', change: 'yellow', wait: 'cyan', ok: 'green', warn: 'yellow' };

/** One plan line in colour (exported for the done screen). */
export function PlanLineView({ line }: { line: PlanLine }) {
  return (
    <Text wrap="truncate-end">
      {line.length === 0
        ? ' '
        : line.map((s, i) => (
            <Text key={i} color={COLOR[s.tone]} dimColor={s.tone === 'dim'} bold={s.tone === 'title'}>
              {s.text}
            </Text>
          ))}
    </Text>
  );
}

/** Who the credentials are, or why that was not asked. */
export function IdentityLine({ identity, endpointUrl }: { identity?: Identity; endpointUrl?: string }) {
  if (identity) {
    return (
      <Text wrap="truncate-end">
        <Text dimColor>Account </Text>
        <Text bold>{identity.account}</Text>
        <Text dimColor> as </Text>
        {identity.arn}
      </Text>
    );
  }
  return <Text dimColor>{identityText(undefined, endpointUrl)}.</Text>;
}

/** Plan body scrolls inside `height`; Enter continues to the IAM policies. */
export function PlanScreen({ plans, identity, endpointUrl, height, width, saveCode, onNext, onBack }: PlanScreenProps) {
  const saver = useSaver();
  useKeys((input, key) => {
    const code = codeKey(input, key);
    if (key.return) onNext();
    else if (key.escape) onBack?.();
    else if (code && saveCode) saver.run(code.name, () => saveCode(code.format));
  });
  // Every table's lines, a blank line between tables, folded to the width (nothing important cut).
  // The summary stays in view below the scrolled body: what will happen is never scrolled away.
  const all = [
    ...(plans.length > 1 ? [...overviewLines(plans), []] : []),
    ...plans.flatMap((p, i) => [...(i > 0 ? [[] as PlanLine] : []), ...planLines(p, { summary: plans.length > 1 })]),
    [],
    costLine(plans),
  ];
  const lines = all.flatMap((line) => wrapPieces(line, width - 1, 8)).map((line, i) => <PlanLineView key={i} line={line} />);
  return (
    <Box flexDirection="column">
      <Text bold>Plan</Text>
      <IdentityLine identity={identity} endpointUrl={endpointUrl} />
      <ScrollBox lines={lines} height={Math.max(height - 5, 3)} />
      <PlanLineView line={summaryLine(plans)} />
      {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : <Text> </Text>}
      <KeyHints hints={['Enter continue to the IAM policies', saveCode && CODE_HINT, onBack && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}
