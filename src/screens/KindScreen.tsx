/** Step 1: which of Sentinel's tables to provision (skipped when KIND is on the command line). */
import { Box, Text } from 'ink';
import { FilterList } from '../components/FilterList.js';
import { KIND_NAMES, KINDS, type KindChoice } from '../core/kinds.js';

export interface KindScreenProps {
  initial: KindChoice;
  onSelect(kind: KindChoice): void;
}

const ITEMS = [
  { key: 'all', label: 'all', detail: `All ${KIND_NAMES.length} tables: ${KIND_NAMES.join(', ')}, each with its default name`, value: 'all' as KindChoice },
  ...KIND_NAMES.map((name) => ({ key: name, label: name, detail: `${KINDS[name].description} · table ${KINDS[name].defaultTable}`, value: name as KindChoice })),
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
