/** The top of every screen: what is being set up, the answers so far, and the demo banner. */
import { Box, Text } from 'ink';
import { displayUrl, visible } from '../core/text.js';
import type { WizardState } from '../wizard/steps.js';

const TITLES: Record<string, string> = {
  kind: 'kind',
  profile: 'profile',
  region: 'region',
  table: 'table name',
  tags: 'tags',
  check: 'check',
  'check-failed': 'check',
  plan: 'plan',
  iam: 'IAM policies',
  confirm: 'confirm',
  apply: 'apply',
};

/** One breadcrumb line; the answers appear as they are given. */
export function Header({ state, local, endpointUrl }: { state: WizardState; local: boolean; endpointUrl?: string }) {
  const { answers, step } = state;
  const past = (s: string) => ['kind', 'profile', 'region', 'table'].indexOf(step.name) > ['kind', 'profile', 'region', 'table'].indexOf(s) || !['kind', 'profile', 'region', 'table'].includes(step.name);
  const crumbs = [
    answers.kind,
    past('profile') || state.given.profile ? (answers.profile ?? 'default chain') : undefined,
    past('region') || state.given.region ? answers.region : undefined,
    past('table') || state.given.table ? answers.table : undefined,
  ].filter(Boolean);
  return (
    <Box flexDirection="column" marginBottom={1}>
      {local ? (
        <Text color="black" backgroundColor="yellow">
          {` LOCAL DEMO: DynamoDB Local at ${displayUrl(endpointUrl ?? '?')}; nothing touches AWS `}
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          sentinel-init
        </Text>
        <Text dimColor> · {TITLES[step.name] ?? step.name} · </Text>
        {visible(crumbs.join(' › '))}
      </Text>
    </Box>
  );
}
