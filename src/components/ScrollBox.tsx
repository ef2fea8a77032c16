/**
 * A fixed-height window over many lines, scrolled with ↑/↓/PgUp/PgDn/Home/End. Keeps a long plan or
 * policy shorter than the terminal: a live area as tall as the terminal makes Ink clear the scrollback.
 */
import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';
import { useKeys } from './use-keys.js';

export interface ScrollBoxProps {
  lines: readonly ReactNode[];
  /** Rows available, including the one-line position hint drawn when the lines do not fit. */
  height: number;
  /** Show the last lines, and keep showing them as lines are added, until scrolled up (a log that grows). */
  follow?: boolean;
}

/** Draws `lines` in at most `height` rows; scrolls only when they overflow. */
export function ScrollBox({ lines, height, follow = false }: ScrollBoxProps) {
  const fits = lines.length <= height;
  const view = Math.max(fits ? height : height - 1, 1);
  const maxTop = Math.max(lines.length - view, 0);
  const [top, setTopState] = useState<number | 'end'>(follow ? 'end' : 0);
  const at = top === 'end' ? maxTop : Math.min(top, maxTop);
  // Back at the bottom of a followed log: follow it again.
  const setTop = (n: number) => setTopState(follow && n >= maxTop ? 'end' : n);

  useKeys((_input, key) => {
    if (fits) return;
    if (key.upArrow) setTop(Math.max(at - 1, 0));
    else if (key.downArrow) setTop(Math.min(at + 1, maxTop));
    else if (key.pageUp) setTop(Math.max(at - view, 0));
    else if (key.pageDown) setTop(Math.min(at + view, maxTop));
    else if (key.home) setTop(0);
    else if (key.end) setTop(maxTop);
  });

  return (
    <Box flexDirection="column">
      {lines.slice(at, at + view).map((line, i) => (
        <Box key={at + i} height={1} overflow="hidden">
          {typeof line === 'string' ? <Text wrap="truncate-end">{line || ' '}</Text> : line}
        </Box>
      ))}
      {fits ? null : (
        <Text dimColor>
          {`  lines ${at + 1}–${Math.min(at + view, lines.length)} of ${lines.length}`}
          {at > 0 ? ' ↑' : '  '}
          {at < maxTop ? ' ↓' : '  '}
          {'  ↑/↓ PgUp/PgDn scroll'}
        </Text>
      )}
    </Box>
  );
}
