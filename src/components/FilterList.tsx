/**
 * A list you type into to filter: ↑/↓ move, PgUp/PgDn jump, Enter chooses, Esc clears the filter,
 * then goes back. The filter edits like any text field (src/components/line-edit.ts). Only a window
 * of rows is drawn (with a scroll hint), so hundreds of items stay fast and the live area stays
 * shorter than the terminal. Not ink-select-input (the card's package): it has no filtering, its
 * `limit` wraps around instead of scrolling, its j/k and digit shortcuts clash with typing, and it
 * listens through Ink's own useInput, which drops keys typed while a screen mounts.
 */
import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { CursorText } from './CursorText.js';
import { editKey, type Line } from './line-edit.js';
import { filterItems, windowRange, type ListItem, type Match } from './list-model.js';
import { useKeys } from './use-keys.js';

export interface FilterListProps<T> {
  items: readonly ListItem<T>[];
  /** Key of the item selected at first. */
  initialKey?: string;
  onSelect(item: ListItem<T>): void;
  onBack?(): void;
  /** Enter with a query that matches nothing; return an error to show, or undefined when handled. */
  onSubmitQuery?(query: string): string | undefined;
  /** Visible rows (default 8). */
  rows?: number;
  /** What the filter box says before you type. */
  placeholder?: string;
}

/** Labels are padded to one column so details line up; a longer label just pushes its own detail. */
const MAX_LABEL_COLUMN = 28;

function Row<T>({ match, selected, labelWidth }: { match: Match<T>; selected: boolean; labelWidth: number }) {
  const { item, span } = match;
  const pad = ' '.repeat(Math.max(labelWidth - item.label.length, 0));
  const label = span ? (
    <Text>
      {item.label.slice(0, span[0])}
      <Text color="yellow" underline>
        {item.label.slice(span[0], span[1])}
      </Text>
      {item.label.slice(span[1])}
    </Text>
  ) : (
    item.label
  );
  return (
    <Box>
      <Text color={selected ? 'cyan' : undefined} wrap="truncate-end">
        {selected ? '❯ ' : '  '}
        <Text bold={selected} dimColor={Boolean(item.disabled) && !selected}>
          {label}
        </Text>
        {pad}
        {item.detail ? <Text dimColor>{'  ' + item.detail}</Text> : null}
        {item.disabled ? <Text color="red">{'  ✗ ' + item.disabled}</Text> : null}
      </Text>
    </Box>
  );
}

/** The filterable, windowed list used by the kind, profile and region steps. */
/** Longest filter: a region or profile name fits easily, a stray paste does not flood the screen. */
const MAX_QUERY = 64;

export function FilterList<T>({ items, initialKey, onSelect, onBack, onSubmitQuery, rows = 8, placeholder = 'type to filter' }: FilterListProps<T>) {
  const [line, setLine] = useState<Line>({ text: '', cursor: 0 });
  const query = line.text;
  const indexOf = (key: string | undefined) => items.findIndex((i) => i.key === key);
  const [selected, setSelected] = useState(() => Math.max(indexOf(initialKey), 0));
  const [message, setMessage] = useState<string>();
  const matches = useMemo(() => filterItems(items, query), [items, query]);
  // Over all items, not the visible window: the column must not move while scrolling or filtering.
  const labelWidth = useMemo(() => Math.min(Math.max(0, ...items.map((i) => i.label.length)), MAX_LABEL_COLUMN), [items]);
  const last = Math.max(matches.length - 1, 0);
  const current = Math.min(selected, last);

  // Several keys can arrive in one read, before a re-render: each edit builds on the last one.
  const latest = useRef(line);
  latest.current = line;
  const changeLine = (next: Line) => {
    const changed = next.text !== latest.current.text;
    latest.current = next;
    setLine(next);
    if (!changed) return;
    // A filter: its best match first. Cleared: the row that was highlighted stays (else the first one).
    const highlighted = matches[current]?.item.key;
    setSelected(next.text ? 0 : Math.max(indexOf(highlighted ?? initialKey), 0));
    setMessage(undefined);
  };

  useKeys((input, key) => {
    // Ink marks Esc as meta too: test it first. A typed filter goes first, the screen after.
    if (key.escape) return latest.current.text ? changeLine({ text: '', cursor: 0 }) : onBack?.();
    // Functional updates: two arrows in one read must move two rows.
    const move = (by: number) => setSelected((s) => Math.max(Math.min(Math.min(s, last) + by, last), 0));
    if (key.upArrow) return move(-1);
    if (key.downArrow) return move(1);
    if (key.pageUp) return move(-rows);
    if (key.pageDown) return move(rows);
    if (key.return) {
      const match = matches[current];
      if (match?.item.disabled) return setMessage(`${match.item.label} cannot be used: ${match.item.disabled}`);
      if (match) return onSelect(match.item);
      if (onSubmitQuery) return setMessage(onSubmitQuery(latest.current.text.trim()));
      return setMessage(`Nothing matches "${latest.current.text}": change the filter, or Esc to clear it.`);
    }
    const next = editKey(latest.current, input, key, MAX_QUERY);
    if (next) changeLine(next);
  });

  const { start, end } = windowRange(matches.length, current, rows);
  return (
    <Box flexDirection="column">
      <Text>
        <Text color="cyan">{'› '}</Text>
        <CursorText text={query} cursor={line.cursor} placeholder={placeholder} />
      </Text>
      {matches.length === 0 ? <Text color="yellow">  no match for "{query}"</Text> : null}
      {matches.slice(start, end).map((m, i) => (
        <Row key={m.item.key} match={m} selected={start + i === current} labelWidth={labelWidth} />
      ))}
      <Text dimColor>
        {matches.length > rows ? `  ${start > 0 ? '↑ ' : '  '}${current + 1}/${matches.length}${end < matches.length ? ' ↓' : ''}   ` : '  '}
        type to filter · ↑/↓ move · Enter choose{query ? ' · Esc clear' : onBack ? ' · Esc back' : ''}
        {/* The first screen: nothing to go back to, so say how to leave. */}
        {onBack ? '' : ' · Ctrl-C quit'}
      </Text>
      {message ? <Text color="red">{message}</Text> : null}
    </Box>
  );
}
