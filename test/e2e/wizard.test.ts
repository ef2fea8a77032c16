/**
 * The built CLI's wizard in a real pseudo-terminal (tmux, 120×40) against DynamoDB Local, with a temp
 * AWS config holding several profiles: what a person types, what they see, the exit code they get.
 * Set WIZARD_SCREENS_DIR to keep the captured screens (used for the README).
 */
import { createBareTable, tableAt } from '../helpers/local-tables.js';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { keepScreen as keep } from '../helpers/tmux.js';
import { wizardStand } from '../helpers/wizard-stand.js';

const stand = wizardStand('wizard-e2e');
const { term } = stand;
const { waitFor, typeText, key } = term;

/** Starts the CLI in a fresh terminal with the temp profiles and a clean environment (no CI). */
function launch(name: string, args: string): void {
  term.launch(name, args, stand.home.env);
}


/** The table as the given key sees it on DynamoDB Local (the shared one unless `endpoint` says). */
const describeTable = (accessKeyId: string, region: string, table: string, endpoint = stand.local.endpoint) => tableAt(endpoint, accessKeyId, region, table);

describe('wizard in a real terminal', () => {
  it('filters a kind, a profile and a region, shows plan and IAM, creates the table on y, exit 0', async () => {
    const s = 'walk';
    launch(s, `--endpoint-url ${stand.local.endpoint}`);
    await waitFor(s, 'Which table?');
    typeText(s, 'break');
    await waitFor(s, '❯ breakglass');
    key(s, 'Enter');
    await waitFor(s, 'Which AWS profile?');
    typeText(s, 'stag');
    keep('profile.txt', await waitFor(s, '❯ staging'));
    key(s, 'Enter');
    // The profile's region is preselected; typing a name filters by it.
    await waitFor(s, '❯ eu-central-1');
    typeText(s, 'paris');
    await waitFor(s, '❯ eu-west-3');
    key(s, 'Enter');
    await waitFor(s, '› sentinel-breakglass');
    key(s, 'Enter');
    // Tags: the tool's two are shown; Enter on the empty line continues.
    keep('tags.txt', await waitFor(s, 'sentinel:table-kind=breakglass'));
    key(s, 'Enter');
    const plan = await waitFor(s, 'Plan: create 1 table with 3 indexes');
    expect(plan).toMatch(/\+ index gsi-invoker\s+invoker \(S\), created_at \(S\)/);
    expect(plan).toContain(`Identity not checked: custom endpoint ${stand.local.endpoint}`);
    keep('plan.txt', plan);
    key(s, 'Enter');
    const iam = await waitFor(s, 'IAM policies for this table');
    expect(iam).toContain('"SentinelBreakGlassTableProvisioning"');
    expect(iam).toContain('Provisioning policy');
    expect(iam).toContain('arn:aws:dynamodb:eu-west-3:*:table/sentinel-breakglass');
    keep('iam.txt', iam);
    key(s, 'Enter');
    await waitFor(s, 'Create table sentinel-breakglass in eu-west-3? [y/n]');
    typeText(s, 'y');
    const done = await waitFor(s, 'Enter finish');
    keep('done.txt', done);
    expect(done).toContain('✓ Created table sentinel-breakglass in eu-west-3');
    expect(done).toContain('Lambda TVM         SENTINEL_BREAKGLASS_TABLE=sentinel-breakglass');
    expect(done).toContain('sentinel CLI       --breakglass-table sentinel-breakglass');
    key(s, 'Enter');
    const end = await waitFor(s, /EXIT=\d+/);
    keep('transcript.txt', end);
    expect(end).toContain('EXIT=0');
    // The done screen gives way to the transcript, which the scrollback keeps.
    expect(end).not.toContain('Enter finish');
    expect(end).toContain('✓ Table sentinel-breakglass in eu-west-3: created.');
    expect(end).toContain('  Lambda TVM         SENTINEL_BREAKGLASS_TABLE=sentinel-breakglass');
    expect(end).toContain(`sentinel-init breakglass --aws-profile staging --endpoint-url ${stand.local.endpoint} --region eu-west-3 --table sentinel-breakglass --yes`);
    const table = await describeTable('keystaging', 'eu-west-3', 'sentinel-breakglass');
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi-invoker', 'gsi-profile', 'gsi-status']);
  });

  it('Ctrl-C at the confirm exits 130 and creates nothing', async () => {
    const s = 'ctrlc';
    launch(s, `approvals --aws-profile dev --region eu-west-1 --table wizard-ctrlc --endpoint-url ${stand.local.endpoint}`);
    // Every answer given: it opens on the plan, after the check.
    await waitFor(s, 'Plan: create 1 table with 3 indexes');
    key(s, 'Enter');
    await waitFor(s, 'IAM policies for this table');
    key(s, 'Enter');
    await waitFor(s, '[y/n]');
    key(s, 'C-c');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('EXIT=130');
    expect(end).toContain('Interrupted: nothing was created.');
    expect(await describeTable('keydev', 'eu-west-1', 'wizard-ctrlc')).toBeUndefined();
  });

  it('Ctrl-C while an index builds stops waiting, says what is in progress and how to finish, exit 130', async () => {
    // A DynamoDB Local that keeps new indexes CREATING (~30 s), and a bare table as an old tool left it.
    const slow = await startDynamoDbLocal({ delayTransientStatuses: true });
    try {
      await createBareTable(slow.endpoint, 'keydev', 'eu-west-1', 'old-approvals');
      const s = 'during';
      launch(s, `approvals --aws-profile dev --region eu-west-1 --table old-approvals --endpoint-url ${slow.endpoint}`);
      const plan = await waitFor(s, 'Plan: 5 changes to old-approvals; nothing is deleted.');
      expect(plan).toContain('~ table old-approvals  will be updated in place');
      keep('update-plan.txt', plan);
      key(s, 'Enter');
      await waitFor(s, 'IAM policies for this table');
      key(s, 'Enter');
      await waitFor(s, 'Apply 5 changes to table old-approvals in eu-west-1? [y/n]');
      typeText(s, 'y');
      keep('apply.txt', await waitFor(s, /Add index gsi-requester .* · CREATING/));
      key(s, 'C-c');
      const end = await waitFor(s, /EXIT=\d+/);
      keep('interrupted.txt', end);
      expect(end).toContain('EXIT=130');
      expect(end).toContain('Interrupted: stopped waiting and cancelled the calls in flight.');
      expect(end).toContain('Still in progress on AWS\'s side: Add index gsi-requester');
      expect(end).toContain(`sentinel-init approvals --aws-profile dev --endpoint-url ${slow.endpoint} --region eu-west-1 --table old-approvals --yes`);
      const table = await describeTable('keydev', 'eu-west-1', 'old-approvals', slow.endpoint);
      expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['gsi-requester']);
      expect(table?.DeletionProtectionEnabled).toBe(false);
    } finally {
      await slow.stop();
    }
  });
});
