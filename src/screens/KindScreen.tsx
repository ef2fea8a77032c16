/** Step 1: which of Sentinel's tables to provision (skipped when KIND is on the command line). */
import { Box, Text } from 'ink';
import { FilterList } from '../components/FilterList.js';
import { KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';

export interface KindScreenProps {
  initial: KindName;
  onSelect(kind: KindName): void;
}

const ITEMS = KIND_NAMES.map((name) => ({
  key: name,
  label: name,
  detail: `${KINDS[name].description} · table ${KINDS[name].defaultTable}`,
  value: name,
}));

/** Kind list: typing filters, Enter chooses. The first screen, so Esc has nowhere to go. */
export function KindScreen({ initial, onSelect }: KindScreenProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Which table?</Text>
      <FilterList items={ITEMS} initialKey={initial} onSelect={(item) => onSelect(item.value)} />
    </Box>
  );
}
