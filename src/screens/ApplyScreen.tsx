/** Step 9: each engine step with a spinner and its elapsed time, ticking while it runs. */
import { Box, Text } from 'ink';
import { Spinner } from '../components/Spinner.js';
import { useEffect, useState } from 'react';
import { KeyHints } from '../components/KeyHints.js';
import { formatDuration } from '../core/duration.js';
import type { ProgressRow } from './progress-model.js';

/** The rows as drawn (also used by the done and interrupted screens, without spinners). */
export function ProgressRows({ rows, now, live }: { rows: readonly ProgressRow[]; now: number; live: boolean }) {
  return (
    <Box flexDirection="column">
      {rows.map((r) => (
        <Text key={r.id} wrap="truncate-end">
          {r.state === 'done' ? (
            <Text color="green">✓</Text>
          ) : live ? (
            <Text color="cyan">
              <Spinner />
            </Text>
          ) : (
            <Text color="yellow">…</Text>
          )}{' '}
          {r.table ? `${r.table}: ` : ''}
          {r.label}
          <Text dimColor>
            {'  '}
            {formatDuration(r.state === 'done' ? (r.elapsedMs ?? 0) : Math.max(now - r.startedAt, 0))}
            {r.status ? ` · ${r.status}` : ''}
          </Text>
          {r.retry ? <Text color="yellow">{`  ${r.retry}`}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}

/** The last rows that fit in `room` lines, the earlier ones (all done by then) counted in one line. */
function fit(rows: readonly ProgressRow[], room: number): readonly ProgressRow[] {
  if (rows.length <= room) return rows;
  const hidden = rows.length - Math.max(room - 1, 1);
  const elapsedMs = rows.slice(0, hidden).reduce((sum, r) => sum + (r.elapsedMs ?? 0), 0);
  const summary: ProgressRow = { id: 'earlier', label: `${hidden} earlier steps`, state: 'done', startedAt: 0, elapsedMs };
  return [summary, ...rows.slice(hidden)];
}

/** Live progress; elapsed times tick twice a second. Only the latest rows that fit `height` are drawn. */
export function ApplyScreen({ rows, title, height }: { rows: readonly ProgressRow[]; title: string; height: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {rows.length === 0 ? (
        <Text>
          <Text color="cyan">
            <Spinner />
          </Text>{' '}
          starting…
        </Text>
      ) : (
        <ProgressRows rows={fit(rows, height - 2)} now={now} live />
      )}
      <KeyHints hints={['Ctrl-C stop waiting (a rerun finishes the job)']} />
    </Box>
  );
}
