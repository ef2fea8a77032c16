/**
 * Step 2: the AWS profile. Every profile of the shared config and credentials files with its region
 * and kind, broken ones marked with the reason, plus the default credential chain.
 */
import { Box, Text } from 'ink';
import { Spinner } from '../components/Spinner.js';
import { useEffect, useState } from 'react';
import type { ProfileInfo } from '../aws/types.js';
import { FilterList } from '../components/FilterList.js';
import type { ListItem } from '../components/list-model.js';
import { printedCommand } from '../core/shell.js';
import { safeText, visible } from '../core/text.js';

/** The list key of the default-chain row (no profile name can contain a NUL). */
export const DEFAULT_CHAIN = '\u0000default-chain';

export interface ProfileScreenProps {
  load(): Promise<ProfileInfo[]>;
  /** The profile to preselect: an earlier answer, AWS_PROFILE, or `default`. */
  preselect?: string;
  /** Where the profiles come from, for the "no profiles" help. */
  files: string;
  rows: number;
  onSelect(profile: string | undefined): void;
  onBack?(): void;
}

const KIND_LABEL: Record<ProfileInfo['kind'], string> = {
  keys: 'static keys',
  sso: 'SSO',
  role: 'role',
  process: 'credential process',
  unknown: 'unknown',
};

function detail(p: ProfileInfo): string {
  const kind = p.kind === 'sso' && p.ssoHost ? `SSO ${p.ssoHost}` : KIND_LABEL[p.kind];
  return [p.region ?? 'no region', kind, p.needsMfa ? 'MFA' : undefined].filter(Boolean).join(' · ');
}

/** Turns profiles into list rows, the default chain last. */
export function profileItems(profiles: readonly ProfileInfo[]): ListItem<string | undefined>[] {
  const items: ListItem<string | undefined>[] = profiles.map((p) => ({ key: p.name, label: visible(p.name), detail: detail(p), value: p.name, disabled: p.broken && visible(p.broken) }));
  items.push({ key: DEFAULT_CHAIN, label: '(default credential chain)', detail: 'environment variables, SSO, container or instance role', value: undefined });
  return items;
}

/** Profile list with its loading, empty and failure states. */
export function ProfileScreen({ load, preselect, files, rows, onSelect, onBack }: ProfileScreenProps) {
  const [profiles, setProfiles] = useState<ProfileInfo[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let live = true;
    load().then(
      (p) => live && setProfiles(p),
      (e: unknown) => {
        if (!live) return;
        setFailure(safeText(e instanceof Error ? e.message : String(e)));
        setProfiles([]);
      },
    );
    return () => {
      live = false;
    };
  }, [load]);

  if (!profiles) {
    return (
      <Text>
        <Text color="cyan">
          <Spinner />
        </Text>{' '}
        Reading AWS profiles…
      </Text>
    );
  }
  const names = new Set(profiles.map((p) => p.name));
  const initialKey = preselect && names.has(preselect) ? preselect : names.has('default') ? 'default' : DEFAULT_CHAIN;
  return (
    <Box flexDirection="column">
      <Text bold>Which AWS profile?</Text>
      {failure ? <Text color="red">Could not read the AWS config files: {failure}</Text> : null}
      {profiles.length === 0 ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color="yellow">No profiles found in {files}.</Text>
          <Text>Create one with `aws configure` (access keys) or `aws configure sso`, then run this again;</Text>
          <Text>or use the default credential chain below (AWS_ACCESS_KEY_ID, an instance role, ...);</Text>
          <Text>or try it without an AWS account: `{printedCommand('sentinel-init', ['--local'])}` runs a local demo.</Text>
        </Box>
      ) : null}
      <FilterList items={profileItems(profiles)} initialKey={initialKey} rows={rows} onSelect={(item) => onSelect(item.value)} onBack={onBack} />
    </Box>
  );
}
