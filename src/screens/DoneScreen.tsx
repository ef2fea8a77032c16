/**
 * The last frame, left in the scrollback when the wizard exits: the table ARN, the next step
 * (the kind's environment variable); the equivalent headless command line follows it as plain text.
 */
import { Box, Text } from 'ink';
import type { ApplyResult } from '../engine/types.js';
import { ProgressRows } from './ApplyScreen.js';
import type { ProgressRow } from './progress-model.js';

export interface DoneScreenProps {
  result: ApplyResult;
  envVar: string;
  rows: readonly ProgressRow[];
  /** A --local demo: the table is throwaway. */
  local: boolean;
}

const HEADLINE = { created: 'Created', updated: 'Updated', unchanged: 'Already up to date:' } as const;

/** Summary; static text only, so it reads the same in the scrollback. */
export function DoneScreen({ result, envVar, rows, local }: DoneScreenProps) {
  return (
    <Box flexDirection="column">
      {rows.length > 0 ? <ProgressRows rows={rows} now={Date.now()} live={false} /> : null}
      <Text color="green" bold>
        ✓ {HEADLINE[result.status]} table {result.table} in {result.region}
      </Text>
      {result.tableArn ? (
        <Text>
          <Text dimColor>  ARN </Text>
          {result.tableArn}
        </Text>
      ) : null}
      <Text> </Text>
      <Text bold>Next steps</Text>
      <Text>  Point Sentinel at the table:</Text>
      <Text color="cyan">    export {envVar}={result.table}</Text>
      {local ? <Text color="yellow">  This was a local demo: the table lived in DynamoDB Local and is gone when this exits.</Text> : null}
      {/* The command itself is printed by run.tsx after Ink unmounts (see AppProps.onExit). */}
      <Text>  Next time, without questions:</Text>
    </Box>
  );
}
