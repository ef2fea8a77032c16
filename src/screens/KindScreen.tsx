/** Step 1: which of Sentinel's tables to provision (skipped when KIND is on the command line). */
import { Box, Text } from 'ink';
import { FilterList } from '../components/FilterList.js';
import { KIND_NAMES, KINDS, type KindChoice } from '../core/kinds.js';

export interface KindScreenProps {
  initial: KindChoice;
  onSelect(kind: KindChoice): void;
}

// The table name first: a narrow terminal cuts the end of a row, and the name says what will be made.
const ITEMS = [
  { key: 'all', label: 'all', detail: `the ${KIND_NAMES.length} tables below, each with its default name`, value: 'all' as KindChoice },
  ...KIND_NAMES.map((name) => ({ key: name, label: name, detail: `table ${KINDS[name].defaultTable} · ${KINDS[name].description}`, value: name as KindChoice })),
];

/** Kind list: typing filters, Enter chooses. The first screen, so Esc has nowhere to go. */
export function KindScreen({ initial, onSelect }: KindScreenProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Which table?</Text>
      <FilterList items={ITEMS} initialKey={initial} onSelect={(item) => onSelect(item.value)} />
    </Box>
  );
}
