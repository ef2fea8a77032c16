/** Step 3: the region, from the SDK's own partition data; the profile's region preselected. */
import { Box, Text } from 'ink';
import { Spinner } from '../components/Spinner.js';
import { useEffect, useState } from 'react';
import type { RegionInfo } from '../aws/regions.js';
import { FilterList } from '../components/FilterList.js';
import type { ListItem } from '../components/list-model.js';

export interface RegionScreenProps {
  load(): Promise<RegionInfo[]>;
  /** Resolves the region to preselect (the one rule: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's). */
  preselect(): Promise<string | undefined>;
  /** Why a typed name matching no listed region is refused ("did you mean…"), or undefined to take it. */
  typed(region: string): Promise<string | undefined>;
  rows: number;
  onSelect(region: string): void;
  onBack?(): void;
}

/** Region rows; a preselected region the SDK does not list yet is kept, on top. */
export function regionItems(regions: readonly RegionInfo[], preselected?: string): ListItem<string>[] {
  const items = regions.map((r) => ({ key: r.id, label: r.id, detail: r.partition === 'aws' ? r.name : `${r.name} · ${r.partition}`, value: r.id }));
  if (preselected && !regions.some((r) => r.id === preselected)) items.unshift({ key: preselected, label: preselected, detail: 'not in the SDK list', value: preselected });
  return items;
}

/** Region list; Enter on a typed name that matches nothing is refused with the closest region (unless --allow-unknown-region). */
export function RegionScreen({ load, preselect, typed, rows, onSelect, onBack }: RegionScreenProps) {
  const [refusal, setRefusal] = useState<string>();
  const [state, setState] = useState<{ regions: RegionInfo[]; initial?: string; failure?: string }>();
  useEffect(() => {
    let live = true;
    const initial = preselect().catch(() => undefined);
    load().then(
      async (regions) => {
        const i = await initial;
        if (live) setState({ regions, initial: i });
      },
      async (e: unknown) => {
        const i = await initial;
        if (live) setState({ regions: [], initial: i, failure: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, preselect]);

  if (!state) {
    return (
      <Text>
        <Text color="cyan">
          <Spinner />
        </Text>{' '}
        Loading regions…
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>Which region?</Text>
      {state.failure ? <Text color="yellow">The SDK's region list could not be read ({state.failure}): type a region name and press Enter.</Text> : null}
      <FilterList
        items={regionItems(state.regions, state.initial)}
        initialKey={state.initial ?? 'us-east-1'}
        rows={rows}
        onSelect={(item) => onSelect(item.value)}
        onBack={onBack}
        onSubmitQuery={(query) => {
          setRefusal(undefined);
          void typed(query).then((problem) => (problem ? setRefusal(problem) : onSelect(query)));
          return undefined;
        }}
      />
      {refusal ? <Text color="red">✗ {refusal}</Text> : null}
    </Box>
  );
}
