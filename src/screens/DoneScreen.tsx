/**
 * Step 10: what happened to each table, where each Sentinel consumer reads its name, and `v` to run
 * Sentinel's own access patterns on the tables before leaving. Enter ends the run; the transcript
 * printed after Ink has gone repeats all of it as plain text (src/wizard/transcript.ts).
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyHints } from '../components/KeyHints.js';
import { ScrollBox } from '../components/ScrollBox.js';
import { useKeys } from '../components/use-keys.js';
import { saverTone, useSaver } from '../components/use-save.js';
import type { CodeFormat } from '../wizard/services.js';
import { CODE_HINT, codeKey } from './code-keys.js';
import { wrapText } from '../components/wrap.js';
import type { ApplyResult } from '../engine/types.js';
import { verifySummary } from '../verify/format.js';
import { deployLines, wiringFor, wiringLine, type DoctorTarget } from '../service/wiring.js';
import type { VerifyState } from '../wizard/steps.js';
import { ProgressRows } from './ApplyScreen.js';
import type { ProgressRow } from './progress-model.js';

export interface DoneScreenProps {
  results: readonly ApplyResult[];
  rows: readonly ProgressRow[];
  /** A --local demo: the tables are throwaway. */
  local: boolean;
  verify?: VerifyState;
  /** Each access pattern's line as it finishes. */
  verifyLines: readonly string[];
  height: number;
  width: number;
  /** `t`/`c`: save the code of these tables; resolves with the paths written. */
  saveCode?(format: CodeFormat): Promise<string>;
  onVerify(): void;
  /** The run's profile and endpoint, for the doctor command of the next steps. */
  doctorTarget?: DoctorTarget;
  /** Esc while verify runs: stop it, keep the done screen. */
  onStopVerify(): void;
  onFinish(): void;
}

const HEADLINE = { created: 'Created', updated: 'Updated', unchanged: 'Already up to date:' } as const;

/** The body as one-row lines: results, next steps, then verify's lines (scrolled when the terminal is short). */
function bodyLines({ results, local, verify, verifyLines, width, doctorTarget }: DoneScreenProps): ReactNode[] {
  const fold = (text: string, indent: number) => wrapText(text, width - 1, indent);
  const lines: ReactNode[] = [];
  for (const r of results) {
    lines.push(
      <Text color="green" bold wrap="truncate-end">
        ✓ {HEADLINE[r.status]} table {r.table} in {r.region}
      </Text>,
    );
    if (r.tableArn) lines.push(...fold(`  ARN ${r.tableArn}`, 6));
  }
  lines.push('');
  if (local) {
    lines.push(...fold('This is a local demo: the tables live in DynamoDB Local and are gone when you finish.', 2).map((l) => <Text color="yellow">{l}</Text>));
  } else {
    lines.push(<Text bold>Next steps: point Sentinel at {results.length > 1 ? 'the tables' : 'the table'}</Text>);
    for (const r of results) for (const w of wiringFor(r.kind, r.table)) lines.push(...fold(`  ${wiringLine(w)}`, 6));
    lines.push(...deployLines(results, doctorTarget).flatMap((l) => fold(l, 6)));
  }
  if (verify) {
    lines.push('', <Text bold>Sentinel&apos;s access patterns{verify.running ? ' (running…)' : ''}</Text>);
    lines.push(...verifyLines.flatMap((l) => fold(`  ${l}`, 4)));
    for (const report of verify.reports) {
      lines.push(<Text color={report.passed ? 'green' : 'red'} wrap="truncate-end">{`${report.passed ? '✓' : '✗'} ${report.table}: ${verifySummary(report)}`}</Text>);
    }
    if (verify.error) lines.push(...fold(`✗ Verify did not finish: ${verify.error}`, 2).map((l) => <Text color="red">{l}</Text>));
  }
  return lines;
}

/** Enter finishes; `v` verifies (again). Long bodies scroll with the arrow keys. */
export function DoneScreen(props: DoneScreenProps) {
  const { verify, rows, height, saveCode, onVerify, onStopVerify, onFinish } = props;
  const saver = useSaver();
  useKeys((input, key) => {
    if (verify?.running) {
      if (key.escape) onStopVerify();
      return;
    }
    const code = codeKey(input, key);
    if (key.return) onFinish();
    else if (input === 'v' && !key.ctrl) onVerify();
    else if (code && saveCode) saver.run(code.name, () => saveCode(code.format));
  });
  const lines = bodyLines(props).map((l, i) => (typeof l === 'string' ? l : <Box key={i}>{l}</Box>));
  // The apply's steps with their times, when they leave room for the rest (the four tables of `all` do not).
  const shown = rows.length <= Math.min(6, Math.floor(height / 3)) ? rows : [];
  return (
    <Box flexDirection="column">
      {shown.length > 0 ? <ProgressRows rows={shown} now={Date.now()} live={false} /> : null}
      {/* Verify's lines come last: from `v` on, the box follows them (a new box, scrolled to the end). */}
      <ScrollBox key={verify ? 'verify' : 'summary'} follow={verify !== undefined} lines={lines} height={Math.max(height - shown.length - 2, 3)} />
      {saver.line ? <Text color={saverTone(saver.line)}>{saver.line}</Text> : <Text> </Text>}
      <KeyHints hints={verify?.running ? (verify.stopping ? ['stopping: removing the probe items…', 'Ctrl-C stop now'] : ['verifying…', 'Esc stop', 'Ctrl-C stop and quit']) : ['Enter finish', `v ${verify ? 'verify again' : "verify with Sentinel's access patterns"}`, saveCode && CODE_HINT]} />
    </Box>
  );
}
