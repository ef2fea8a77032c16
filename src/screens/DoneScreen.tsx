/**
 * The last frame, left in the scrollback when the wizard exits: the table ARN, the next steps (one
 * line per Sentinel consumer of the table); the equivalent headless command line follows it as
 * plain text.
 */
import { Box, Text } from 'ink';
import type { ApplyResult } from '../engine/types.js';
import { CONSUMER_WIDTH, wiringParts, type WiringStep } from '../service/wiring.js';
import { ProgressRows } from './ApplyScreen.js';
import type { ProgressRow } from './progress-model.js';

export interface DoneScreenProps {
  result: ApplyResult;
  /** Where each Sentinel consumer reads the table name. */
  wiring: readonly WiringStep[];
  rows: readonly ProgressRow[];
  /** A --local demo: the table is throwaway. */
  local: boolean;
}

const HEADLINE = { created: 'Created', updated: 'Updated', unchanged: 'Already up to date:' } as const;

/** One consumer on one line; a long list of commands wraps inside its own column. */
function WiringRow({ step }: { step: WiringStep }) {
  const { setting, where } = wiringParts(step);
  return (
    <Box paddingLeft={4}>
      <Box width={CONSUMER_WIDTH + 2} flexShrink={0}>
        <Text>{step.consumer}</Text>
      </Box>
      <Text>
        <Text color="cyan">{setting}</Text>
        {where ? <Text dimColor>{`  (${where})`}</Text> : null}
      </Text>
    </Box>
  );
}

/** Summary; static text only, so it reads the same in the scrollback. */
export function DoneScreen({ result, wiring, rows, local }: DoneScreenProps) {
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
      {wiring.map((step) => (
        <WiringRow key={`${step.consumer} ${step.name}`} step={step} />
      ))}
      {local ? <Text color="yellow">  This was a local demo: the table lived in DynamoDB Local and is gone when this exits.</Text> : null}
      {/* The command itself is printed by run.tsx after Ink unmounts (see AppProps.onExit). */}
      <Text>  Next time, without questions:</Text>
    </Box>
  );
}
