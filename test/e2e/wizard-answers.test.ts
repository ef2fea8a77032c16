/**
 * The wizard acts on what the person meant, in a real pseudo-terminal (tmux) against DynamoDB Local:
 * an answer changed on the way back derives its defaults again (the new profile's region), and the
 * confirm's question is answered by y or n only, never by an Enter pressed as on every other screen;
 * `c` there gives the same CloudFormation import steps as headless --output cloudformation.
 */
import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../cli/run-cli.js';
import { createBareTable, tableAt } from '../helpers/local-tables.js';
import { PROFILE_REGIONS } from '../helpers/wizard-home.js';
import { wizardStand } from '../helpers/wizard-stand.js';

const stand = wizardStand('wizard-answers');
const { term } = stand;
const { waitFor, typeText, key } = term;

const launch = (name: string, args: string) => term.launch(name, args, stand.home.env, { cwd: stand.home.home });
/** The region list's selected row, once the list has loaded. */
const selectedRegion = async (name: string) => (await waitFor(name, /❯ [a-z]+-[a-z]+-\d/)).match(/❯ ([a-z]+-[a-z]+-\d)/)?.[1];

describe('the wizard acts on what the person meant', () => {
  it('another profile chosen on the way back preselects its own region, and the plan is made there', async () => {
    const s = 'profile-change';
    expect(PROFILE_REGIONS.dev).toBe('eu-west-1');
    expect(PROFILE_REGIONS.staging).toBe('eu-central-1');
    launch(s, `sessions --table answers-table --endpoint-url ${stand.local.endpoint}`);
    await waitFor(s, 'Which AWS profile?');
    typeText(s, 'dev');
    await waitFor(s, '❯ dev');
    key(s, 'Enter');
    await waitFor(s, 'Which region?');
    expect(await selectedRegion(s)).toBe('eu-west-1');
    key(s, 'Enter');
    // --table was given: the next screen is the plan, made in dev's region.
    await waitFor(s, 'will be created in eu-west-1');
    key(s, 'Escape');
    await waitFor(s, 'Which region?');
    key(s, 'Escape');
    await waitFor(s, 'Which AWS profile?');
    typeText(s, 'stag');
    await waitFor(s, '❯ staging');
    key(s, 'Enter');
    await waitFor(s, 'sessions › staging');
    await waitFor(s, 'Which region?');
    expect(await selectedRegion(s)).toBe('eu-central-1');
    key(s, 'Enter');
    const plan = await waitFor(s, 'Plan: create 1 table');
    expect(plan).toContain('+ table answers-table  will be created in eu-central-1');
    key(s, 'C-c');
    expect(await waitFor(s, /EXIT=\d+/)).toContain('EXIT=130');
  });

  it('at the confirm a single Enter ends nothing and creates nothing; n declines, exit 0', async () => {
    const s = 'confirm-enter';
    launch(s, `approvals --aws-profile dev --region eu-west-1 --table enter-table --endpoint-url ${stand.local.endpoint}`);
    await waitFor(s, 'Plan: create 1 table');
    key(s, 'Enter');
    await waitFor(s, 'IAM policies for this table');
    key(s, 'Enter');
    const confirm = await waitFor(s, 'Create table enter-table in eu-west-1? [y/n]');
    expect(confirm).toContain('y apply · n decline · Enter does nothing until y or n');
    key(s, 'Enter');
    const after = await waitFor(s, 'Press y to apply or n to decline.');
    expect(after).toContain('[y/n]');
    expect(after).not.toContain('EXIT=');
    typeText(s, 'n');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('EXIT=0');
    expect(end).toContain('Declined: nothing was created or changed.');
    expect(await tableAt(stand.local.endpoint, 'keydev', 'eu-west-1', 'enter-table')).toBeUndefined();
  });

  it("c at the confirm for a table that exists and lacks settings: the same import steps as headless, converging first", async () => {
    const table = 'behind-table';
    await createBareTable(stand.local.endpoint, 'keydev', 'eu-west-1', table);
    const answers = ['approvals', '--aws-profile', 'dev', '--region', 'eu-west-1', '--table', table, '--endpoint-url', stand.local.endpoint];
    const headless = await runCli([...answers, '--output', 'cloudformation'], { env: stand.home.env });
    expect(headless.code, headless.stderr).toBe(0);
    const converge = lines(headless.stderr).find((l) => l.includes('# first:'))?.trim();
    expect(converge).toBe(`sentinel-init approvals --aws-profile dev --endpoint-url ${stand.local.endpoint} --region eu-west-1 --table ${table} --yes    # first: an import adopts the table as it is`);

    const s = 'code-import';
    launch(s, answers.join(' '));
    await waitFor(s, `Plan: 5 changes to ${table}`);
    key(s, 'Enter');
    await waitFor(s, 'IAM policies for this table');
    key(s, 'Enter');
    await waitFor(s, `Apply 5 changes to table ${table} in eu-west-1? [y/n]`);
    typeText(s, 'c');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('EXIT=0');
    const steps = end.split('\n').map((l) => l.trim());
    const first = steps.indexOf(converge ?? '');
    expect(first, end).toBeGreaterThan(-1);
    // Converge, then the import's change set: the order headless gives.
    expect(steps[first + 1]).toMatch(/^aws cloudformation create-change-set --stack-name sentinel-approvals /);
    // Nothing was changed by the wizard itself: the table is still as it was made.
    expect((await tableAt(stand.local.endpoint, 'keydev', 'eu-west-1', table))?.GlobalSecondaryIndexes).toBeUndefined();
  });
});
