/**
 * The wizard as a person lives it, in a real pseudo-terminal (tmux) against DynamoDB Local: keys
 * typed ahead at full speed, Esc on every screen, all tables in one pass, an 80×24 terminal,
 * NO_COLOR, a resize while applying, and the transcript the scrollback keeps after the run ends.
 * Set WIZARD_SCREENS_DIR to keep the captured screens.
 */
import { createBareTable, tableAt } from '../helpers/local-tables.js';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { ensureBuilt } from '../cli/run-cli.js';
import { cfnLint } from '../helpers/iac-tools.js';
import { keepScreen as keep, tmuxTerminal } from '../helpers/tmux.js';
import { wizardHome, type WizardHome } from '../helpers/wizard-home.js';

const term = tmuxTerminal('wizard-person');
const { waitFor, typeText, key } = term;

let local: DynamoDbLocal;
let home: WizardHome;
/** An endpoint that accepts connections and never answers: the check screen waits on it. */
let silent: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
  ensureBuilt();
  local = await startDynamoDbLocal();
  home = wizardHome('wizard-person');
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  term.close();
  for (const socket of sockets) socket.destroy();
  silent?.close();
  await local?.stop();
  home?.remove();
});

/** Runs in the throwaway HOME, so a saved policy lands there. */
const launch = (name: string, args: string, extra: Record<string, string> = {}, size: { columns?: number; rows?: number } = {}) =>
  term.launch(name, args, { ...home.env, ...extra }, { ...size, cwd: home.home });


/** The table as the given key sees it on DynamoDB Local (the shared one unless `endpoint` says). */
const tableOf = (accessKeyId: string, region: string, table: string, endpoint = local.endpoint) => tableAt(endpoint, accessKeyId, region, table);

/** The rows of a capture, without the trailing blank ones. */
const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');

describe('the wizard as a person lives it', () => {
  it('keys typed ahead at full speed land on the screens they were typed for: the typed region, not the preselected one', async () => {
    const s = 'typeahead';
    launch(s, `sessions --endpoint-url ${local.endpoint}`);
    await waitFor(s, 'Which AWS profile?');
    // No wait between keys: Enter on the profile, then the region typed while its list still loads,
    // then the name cleared (Ctrl-U) and typed, as fast as tmux sends them.
    typeText(s, 'dev');
    key(s, 'Enter');
    typeText(s, 'eu-central-1');
    key(s, 'Enter');
    key(s, 'C-u');
    typeText(s, 'typed-ahead');
    key(s, 'Enter');
    const tags = await waitFor(s, 'Tags?');
    keep('typeahead-tags.txt', tags);
    // dev's own region is eu-west-1: the header shows what was typed.
    expect(tags).toContain('sessions › dev › eu-central-1 › typed-ahead');
    key(s, 'Enter');
    const plan = await waitFor(s, 'Plan: create 1 table');
    expect(plan).toContain('+ table typed-ahead  will be created in eu-central-1');
    key(s, 'C-c');
    expect(await waitFor(s, /EXIT=\d+/)).toContain('EXIT=130');
  });

  it('Esc on every screen goes back one step (a filter is cleared first), and the check screen takes Esc while it waits', async () => {
    const s = 'esc';
    launch(s, `--endpoint-url ${local.endpoint}`);
    await waitFor(s, 'Which table?');
    typeText(s, 'appr');
    await waitFor(s, '❯ approvals');
    key(s, 'Enter');
    await term.enterThrough(s, ['Which AWS profile?', 'Which region?', 'Table name?', 'Tags?', 'Plan: create 1 table', 'IAM policies for this table']);
    await waitFor(s, '[y/n]');
    // Back through every screen to the first.
    const back: [string, string][] = [
      ['confirm', 'IAM policies for this table'],
      ['IAM policies', 'Plan: create 1 table'],
      ['plan', 'Tags?'],
      ['tags', 'Table name?'],
      ['table name', 'Which region?'],
      ['region', 'Which AWS profile?'],
      ['profile', 'Which table?'],
    ];
    for (const [from, to] of back) {
      key(s, 'Escape');
      const screen = await waitFor(s, to);
      expect(screen, `Esc on the ${from} screen`).toContain(to);
    }
    // A filter: the first Esc clears it, the second goes back.
    key(s, 'Enter');
    await waitFor(s, 'Which AWS profile?');
    typeText(s, 'stag');
    await waitFor(s, '❯ staging');
    key(s, 'Escape');
    // Cleared, the highlighted row kept.
    const cleared = await waitFor(s, 'type to filter · ↑/↓ move · Enter choose · Esc back');
    expect(cleared).toContain('❯ staging');
    key(s, 'Escape');
    await waitFor(s, 'Which table?');
    key(s, 'C-c');
    expect(await waitFor(s, /EXIT=\d+/)).toContain('EXIT=130');

    // The check screen, waiting on an endpoint that never answers: Esc goes back to the last question.
    const c = 'esc-check';
    const port = (silent.address() as { port: number }).port;
    launch(c, `sessions --aws-profile dev --region eu-west-1 --endpoint-url http://127.0.0.1:${port}`);
    await waitFor(c, 'Table name?');
    key(c, 'Enter');
    await waitFor(c, 'Tags?');
    key(c, 'Enter');
    const checking = await waitFor(c, /Checking credentials[^]*Esc back/);
    keep('check-waiting.txt', checking);
    key(c, 'Escape');
    const backToTags = await waitFor(c, 'Tags?');
    expect(backToTags).not.toContain('Checking credentials');
    key(c, 'C-c');
    expect(await waitFor(c, /EXIT=\d+/)).toContain('EXIT=130');
  });

  it('all: every table in one pass — one plan, one policy, one confirm, per-table progress, verify, one transcript', async () => {
    const s = 'all';
    launch(s, `all --aws-profile dev --region eu-west-1 --endpoint-url ${local.endpoint}`);
    // No table name is asked (each keeps its default): the tags step is first.
    await waitFor(s, 'Tags?');
    key(s, 'Enter');
    const plan = await waitFor(s, '4 tables in eu-west-1:');
    keep('all-plan.txt', plan);
    expect(plan).toMatch(/\+ sentinel-sessions\s+create with 4 indexes/);
    expect(plan).toMatch(/\+ sentinel-requests\s+create with 3 indexes/);
    expect(plan).toMatch(/\+ sentinel-breakglass\s+create with 3 indexes/);
    expect(plan).toMatch(/\+ sentinel-ratelimit\s+create\b/);
    key(s, 'Enter');
    const iam = await waitFor(s, 'IAM policies for these tables');
    keep('all-iam.txt', iam);
    key(s, 'Enter');
    await waitFor(s, /Create 4 tables \(sentinel-sessions/);
    typeText(s, 'y');
    const done = await waitFor(s, 'Enter finish', 60_000);
    keep('all-done.txt', done);
    for (const t of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']) expect(done).toContain(`✓ Created table ${t} in eu-west-1`);
    typeText(s, 'v');
    const verified = await waitFor(s, /✓ sentinel-ratelimit: All \d+ patterns work\./, 60_000);
    keep('all-verify.txt', verified);
    key(s, 'Enter');
    await waitFor(s, /EXIT=\d+/);
    // The whole transcript: with four tables' next steps (and their deploy tools' lines) it is taller than the screen.
    const end = term.history(s);
    keep('all-transcript.txt', end);
    expect(end).toContain('EXIT=0');
    expect(end).toContain('  tables    sentinel-sessions, sentinel-requests, sentinel-breakglass, sentinel-ratelimit');
    expect(end.match(/^✓ Table \S+ in eu-west-1: created\./gm)).toHaveLength(4);
    expect(end.match(/^Sentinel's access patterns on \S+: All \d+ patterns work\./gm)).toHaveLength(4);
    expect(end).toContain('  Lambda TVM         SENTINEL_RATE_LIMIT_TABLE=sentinel-ratelimit');
    expect(end).toContain(`sentinel-init all --aws-profile dev --endpoint-url ${local.endpoint} --region eu-west-1 --yes`);
    for (const t of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']) expect((await tableOf('keydev', 'eu-west-1', t))?.TableStatus).toBe('ACTIVE');
  });

  it('an 80×24 terminal: every screen fits its rows and columns, the ARNs whole, the plan and policy scroll', async () => {
    const s = 'small';
    launch(s, `sessions --aws-profile staging --table sentinel-sessions-80 --endpoint-url ${local.endpoint}`, {}, { columns: 80, rows: 24 });
    const screens: string[] = [];
    screens.push(await waitFor(s, 'Which region?'));
    key(s, 'Enter');
    screens.push(await waitFor(s, 'Plan'));
    const plan = await waitFor(s, /lines 1–\d+ of \d+/);
    keep('small-plan.txt', plan);
    key(s, 'End');
    screens.push(await waitFor(s, 'Plan: create 1 table with 4 indexes'));
    key(s, 'Enter');
    const iam = await waitFor(s, 'IAM policies for this table');
    keep('small-iam.txt', iam);
    screens.push(iam);
    key(s, 'End');
    const arns = await waitFor(s, '"arn:aws:dynamodb:eu-central-1:*:table/sentinel-sessions-80"');
    keep('small-iam-end.txt', arns);
    screens.push(arns);
    key(s, 'Enter');
    screens.push(await waitFor(s, '[y/n]'));
    typeText(s, 'y');
    const done = await waitFor(s, 'Enter finish');
    keep('small-done.txt', done);
    screens.push(done);
    expect(done).toContain('ARN arn:aws:dynamodb:ddblocal:000000000000:table/sentinel-sessions-80');
    for (const screen of screens) {
      // -J joins wrapped rows: a row longer than 80 here is one the terminal had to wrap.
      for (const row of rowsOf(screen).slice(1)) expect([...row].length, row).toBeLessThanOrEqual(80);
    }
    key(s, 'Enter');
    expect(await waitFor(s, /EXIT=\d+/)).toContain('EXIT=0');
  });

  it('NO_COLOR: the selection and the cursor stay visible as characters', async () => {
    const s = 'nocolor';
    launch(s, `--endpoint-url ${local.endpoint}`, { NO_COLOR: '1' });
    const kinds = await waitFor(s, 'Which table?');
    keep('nocolor-kind.txt', kinds);
    expect(kinds).toMatch(/❯ sessions/);
    // The filter's cursor.
    expect(kinds).toMatch(/\|/);
    typeText(s, 'sess');
    await waitFor(s, /sess\|/);
    key(s, 'Enter');
    await waitFor(s, 'Which AWS profile?');
    key(s, 'Enter');
    await waitFor(s, 'Which region?');
    key(s, 'Enter');
    const name = await waitFor(s, 'Table name?');
    keep('nocolor-table.txt', name);
    expect(name).toContain('› sentinel-sessions|');
    key(s, 'Left');
    key(s, 'Left');
    expect(await waitFor(s, '› sentinel-sessio|ns')).toBeTruthy();
    key(s, 'C-c');
    expect(await waitFor(s, /EXIT=\d+/)).toContain('EXIT=130');
  });

  it('a resize while applying keeps one frame on the screen and no ghost in the scrollback: only the transcript stays', async () => {
    // A DynamoDB Local that holds a new index in CREATING (~30 s), and a bare table to add them to:
    // time to resize while the apply waits.
    const slow = await startDynamoDbLocal({ delayTransientStatuses: true });
    try {
      await createBareTable(slow.endpoint, 'keydev', 'eu-west-1', 'resized');
      const s = 'resize';
      launch(s, `sessions --aws-profile dev --region eu-west-1 --table resized --endpoint-url ${slow.endpoint}`);
      await waitFor(s, /Plan: \d+ changes to resized/);
      key(s, 'Enter');
      await waitFor(s, 'IAM policies for this table');
      key(s, 'Enter');
      await waitFor(s, '[y/n]');
      typeText(s, 'y');
      await waitFor(s, /Add index gsi-user .* · CREATING/, 30_000);
      for (const [columns, rows] of [[70, 30], [50, 20], [100, 40], [60, 24], [120, 40]] as const) {
        term.resize(s, columns, rows);
        await new Promise((r) => setTimeout(r, 400));
      }
      const live = term.screen(s);
      keep('resize-apply.txt', live);
      // The live screen after narrowing and widening: one frame, drawn once (no stale header above it).
      expect(live.match(/sentinel-init · apply/g)).toHaveLength(1);
      expect(live).toMatch(/Add index gsi-user .* · CREATING/);
      key(s, 'C-c');
      await waitFor(s, /EXIT=\d+/);
      const history = term.history(s);
      keep('resize-scrollback.txt', history);
      expect(history).toContain('EXIT=130');
      // Everything the wizard drew was a frame it then erased: a header, a key hint or a progress row
      // left in the scrollback is a ghost.
      expect(history).not.toMatch(/sentinel-init · /);
      expect(history).not.toContain('Ctrl-C stop waiting');
      expect(history).not.toMatch(/⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/);
      expect(history).toContain('Interrupted: stopped waiting and cancelled the calls in flight.');
      expect(history).toContain("Still in progress on AWS's side: Add index gsi-user");
    } finally {
      await slow.stop();
    }
  });

  it('declining keeps a transcript: the answers, the plan in one line, nothing created, the command for later', async () => {
    const s = 'decline';
    launch(s, `breakglass --aws-profile prod --table declined-table --endpoint-url ${local.endpoint}`);
    await waitFor(s, 'Which region?');
    key(s, 'Enter');
    await waitFor(s, 'Plan: create 1 table');
    key(s, 'Enter');
    await waitFor(s, 'IAM policies for this table');
    typeText(s, 's');
    await waitFor(s, /Saved the policies to \S+sentinel-breakglass-provisioning-policy\.json and\s+\S+sentinel-breakglass-runtime-policy\.json/);
    key(s, 'Enter');
    await waitFor(s, '[y/n]');
    typeText(s, 'n');
    const end = await waitFor(s, /EXIT=\d+/);
    keep('decline-transcript.txt', end);
    expect(end).toContain('EXIT=0');
    expect(end).toContain('  kind      breakglass');
    expect(end).toContain('  profile   prod');
    expect(end).toContain('  region    us-west-2');
    expect(end).toContain('  plan      declined-table: create with 3 indexes');
    expect(end).toMatch(/ {2}policies {2}provisioning saved to \S+sentinel-breakglass-provisioning-policy\.json/);
    expect(end).toMatch(/for whoever runs sentinel-init, e\.g\.: aws iam put-role-policy --role-name ROLE --policy-name sentinel-init --policy-document file:\/\/\S+sentinel-breakglass-provisioning-policy\.json/);
    expect(end).toMatch(/ {12}runtime saved to \S+sentinel-breakglass-runtime-policy\.json/);
    expect(end).toMatch(/for Sentinel's Lambda TVM role and its CLI users, e\.g\.: aws iam put-role-policy --role-name SENTINEL_ROLE --policy-name sentinel-runtime --policy-document file:\/\/\S+sentinel-breakglass-runtime-policy\.json/);
    expect(end).toContain('Declined: nothing was created or changed.');
    expect(end).toContain(`sentinel-init breakglass --aws-profile prod --endpoint-url ${local.endpoint} --region us-west-2 --table declined-table --yes`);
    expect(await tableOf('keyprod', 'us-west-2', 'declined-table')).toBeUndefined();
  });

  it('t and c save the code next to the policy (cfn-lint clean, the table named); c at the confirm saves it instead of creating', async () => {
    const s = 'code';
    launch(s, `approvals --aws-profile dev --region eu-west-1 --table code-table --endpoint-url ${local.endpoint}`);
    await waitFor(s, 'Plan: create 1 table');
    typeText(s, 't');
    await waitFor(s, `✓ Saved Terraform to ${home.home}/sentinel-approvals.tf`);
    key(s, 'Enter');
    await waitFor(s, 'IAM policies for this table');
    typeText(s, 's');
    await waitFor(s, 'Saved the policies to');
    key(s, 'Enter');
    const confirm = await waitFor(s, '[y/n]');
    expect(confirm).toContain("t/c don't create, save Terraform/CloudFormation instead");
    typeText(s, 'c');
    const end = await waitFor(s, /EXIT=\d+/);
    keep('code-only-transcript.txt', end);
    expect(end).toContain('EXIT=0');
    expect(end).toContain(`  code      Terraform saved to ${home.home}/sentinel-approvals.tf`);
    expect(end).toContain(`  code      CloudFormation saved to ${home.home}/sentinel-approvals.cfn.yaml`);
    expect(end).toContain('Nothing was created or changed: the code was saved instead (above).');
    expect(end).toContain(`aws cloudformation deploy --stack-name sentinel-approvals --template-file ${home.home}/sentinel-approvals.cfn.yaml --capabilities CAPABILITY_IAM --region eu-west-1`);
    expect(await tableOf('keydev', 'eu-west-1', 'code-table')).toBeUndefined();
    // The files are the headless --output's code for the same answers, and the real tools accept them.
    expect(cfnLint([join(home.home, 'sentinel-approvals.cfn.yaml')])).toEqual({ code: 0, output: '' });
    const tf = readFileSync(join(home.home, 'sentinel-approvals.tf'), 'utf8');
    expect(tf).toContain('# Again: sentinel-init approvals --region eu-west-1 --table code-table --output terraform');
    expect(tf).toMatch(/variable "approvals_table_name" \{[^}]*default {5}= "code-table"/);
  });
});

