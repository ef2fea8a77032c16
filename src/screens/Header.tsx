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

const BRAND = 'sentinel-init';
const ASKED = ['kind', 'profile', 'region', 'table'];

/**
 * The breadcrumb's parts that fit `width`: the answers name what will be made (the table, where), so
 * the step's title goes first, then the tool's name; only answers too long for any line are cut.
 */
export function headerParts(title: string, crumbs: string, width: number): { brand: boolean; title: boolean } {
  if (`${BRAND} · ${title} · ${crumbs}`.length <= width) return { brand: true, title: true };
  if (`${BRAND} · ${crumbs}`.length <= width) return { brand: true, title: false };
  return { brand: false, title: false };
}

/** The demo banner: the endpoint, the region the demo picked, and that AWS is not touched; shorter when narrow. */
export function bannerText(endpointUrl: string, region: string | undefined, width: number): string {
  const url = displayUrl(endpointUrl);
  const where = region ? `, region ${region}` : '';
  const full = ` LOCAL DEMO: DynamoDB Local at ${url}${where}; nothing touches AWS `;
  return full.length <= width ? full : ` LOCAL DEMO: DynamoDB Local at ${url.replace(/^https?:\/\//, '')}${where}, not AWS `;
}

/** One breadcrumb line; the answers appear as they are given. */
export function Header({ state, local, endpointUrl, width = 80 }: { state: WizardState; local: boolean; endpointUrl?: string; width?: number }) {
  const { answers, step } = state;
  const past = (s: string) => ASKED.indexOf(step.name) > ASKED.indexOf(s) || !ASKED.includes(step.name);
  const crumbs = visible(
    [
      answers.kind,
      // The demo's profile is its own fake one: not worth a place on a narrow line.
      !local && (past('profile') || state.given.profile) ? (answers.profile ?? 'default chain') : undefined,
      past('region') || state.given.region ? answers.region : undefined,
      past('table') || state.given.table ? answers.table : undefined,
    ]
      .filter(Boolean)
      .join(' › '),
  );
  const title = TITLES[step.name] ?? step.name;
  const show = headerParts(title, crumbs, width);
  return (
    <Box flexDirection="column" marginBottom={1}>
      {local ? (
        <Text color="black" backgroundColor="yellow" wrap="truncate-end">
          {bannerText(endpointUrl ?? '?', answers.region, width)}
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        {show.brand ? (
          <Text bold color="magenta">
            {BRAND}
          </Text>
        ) : null}
        {show.title ? <Text dimColor> · {title} · </Text> : show.brand ? <Text dimColor> · </Text> : null}
        {crumbs}
      </Text>
    </Box>
  );
}
