/** Endings other than success: declined, interrupted (before or during apply), apply failed. */
import { Box, Text } from 'ink';
import { ProgressRows } from './ApplyScreen.js';
import type { ProgressRow } from './progress-model.js';

export type Ending =
  | { kind: 'declined' }
  | { kind: 'interrupted'; during: 'setup' | 'apply' }
  | { kind: 'apply-failed'; message: string };

export interface EndScreenProps {
  ending: Ending;
  rows: readonly ProgressRow[];
  table: string;
  /** What the plan was doing, to say what exists after an interruption. */
  action?: 'create' | 'update' | 'none';
}

/** Says what exists now and what to do next. */
export function EndScreen({ ending, rows, table, action }: EndScreenProps) {
  if (ending.kind === 'declined') return <Text>Declined: nothing was created.</Text>;
  if (ending.kind === 'interrupted' && ending.during === 'setup') return <Text color="yellow">Interrupted: nothing was created.</Text>;
  const done = rows.filter((r) => r.state === 'done');
  const started = rows.length > 0;
  return (
    <Box flexDirection="column">
      {started ? <ProgressRows rows={rows} now={Date.now()} live={false} /> : null}
      {ending.kind === 'interrupted' ? (
        <Text color="yellow" bold>
          Interrupted: stopped waiting and cancelled the calls in flight.
        </Text>
      ) : (
        <Text color="red" bold>
          ✗ {ending.message}
        </Text>
      )}
      <Text>
        {done.length > 0
          ? `Done so far: ${done.map((r) => r.label).join('; ')}.`
          : !started
            ? 'Nothing was changed.'
            : action === 'create'
              ? `Table ${table} may exist already: DynamoDB finishes a creation it has accepted.`
              : `Table ${table} is as it was, apart from what is still in progress.`}
      </Text>
      {rows.some((r) => r.state === 'running') ? <Text>Still in progress on AWS's side: {rows.filter((r) => r.state === 'running').map((r) => r.label).join('; ')}.</Text> : null}
      {/* The command follows as plain text, printed after Ink unmounts (see AppProps.onExit). */}
      <Text>Run it again to finish; it picks up where this stopped:</Text>
    </Box>
  );
}
