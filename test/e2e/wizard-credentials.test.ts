/**
 * The built CLI's wizard in a real terminal (tmux) with real credential shapes: a credential_process
 * profile and an assume-role profile whose role needs MFA, resolved through the loopback STS
 * (AWS_ENDPOINT_URL_STS, so the identity IS checked) while the table goes to DynamoDB Local.
 * What a person sees: the account and caller on the plan, that account (and partition) in the IAM
 * ARNs, a masked MFA prompt, and a refused code as one line with a way back.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { ensureBuilt } from '../cli/run-cli.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { keepScreen, tmuxTerminal } from '../helpers/tmux.js';

const ROLE_ARN = 'arn:aws:iam::444455556666:role/Deploy';
const MFA_SERIAL = 'arn:aws:iam::111122223333:mfa/tester';
const GOV_ARN = 'arn:aws-us-gov:iam::210987654321:user/govtester';
const CN_ARN = 'arn:aws-cn:iam::310987654321:user/cntester';

const term = tmuxTerminal('wizard-creds');
const { waitFor, typeText, key } = term;

let home: string;
let ddb: DynamoDbLocal;
/** Commercial partition: the process profile's keys and the MFA role. */
let sts: StsStub;
/** GovCloud and China: GetCallerIdentity answers with an aws-us-gov / aws-cn ARN. */
let govSts: StsStub;
let cnSts: StsStub;

/** A credential_process script printing fixed keys. */
function processScript(name: string, accessKeyId: string): string {
  const path = join(home, name);
  writeFileSync(path, `#!/usr/bin/env node\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: '${accessKeyId}', SecretAccessKey: 'procsecret' }));\n`);
  chmodSync(path, 0o755);
  return path;
}

beforeAll(async () => {
  ensureBuilt();
  [ddb, sts, govSts, cnSts] = await Promise.all([
    startDynamoDbLocal(),
    startStsStub({ mfaCode: '123456', mfaRoles: [ROLE_ARN] }),
    startStsStub({ arn: GOV_ARN }),
    startStsStub({ arn: CN_ARN }),
  ]);
  home = mkdtempSync(join(tmpdir(), 'wizard-creds-'));
  writeFileSync(
    join(home, 'config'),
    `[profile proc]
credential_process = ${processScript('proc.mjs', 'AKIAPROC')}

[profile deploy]
role_arn = ${ROLE_ARN}
source_profile = base
mfa_serial = ${MFA_SERIAL}
region = eu-west-1

[profile gov]
credential_process = ${processScript('gov.mjs', 'AKIAGOV')}
region = us-gov-west-1

[profile china]
credential_process = ${processScript('cn.mjs', 'AKIACN')}
region = cn-north-1
`,
  );
  writeFileSync(join(home, 'credentials'), '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n');
});

afterAll(async () => {
  term.close();
  await Promise.all([ddb?.stop(), sts?.close(), govSts?.close(), cnSts?.close()]);
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Starts the wizard with only the temp profiles, DynamoDB Local for the table, `stsUrl` for STS. */
function launch(name: string, args: string, stsUrl: string): void {
  term.launch(name, `${args} --endpoint-url ${ddb.endpoint}`, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: stsUrl,
  });
}

/** DynamoDB Local keeps one database per access key and region: read the table as its creator. */
async function describeTable(accessKeyId: string, region: string, table: string) {
  const client = new DynamoDBClient({ region, endpoint: ddb.endpoint, credentials: { accessKeyId, secretAccessKey: 'x', sessionToken: 'x' } });
  try {
    return (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
  } finally {
    client.destroy();
  }
}

/** Picks a profile by filtering the list, and a region (by filter, or the preselected one). */
async function choose(s: string, profile: string, region: { type?: string; expect: string }): Promise<void> {
  await waitFor(s, 'Which AWS profile?');
  typeText(s, profile);
  await waitFor(s, `❯ ${profile} `);
  key(s, 'Enter');
  await waitFor(s, 'Which region?');
  if (region.type) typeText(s, region.type);
  await waitFor(s, `❯ ${region.expect} `);
  key(s, 'Enter');
}

/** Accepts the table name shown, then passes the tags step (asked after the name) with Enter. */
async function acceptName(s: string, name: string): Promise<void> {
  await waitFor(s, `› ${name}`);
  key(s, 'Enter');
  await waitFor(s, 'Tags?');
  key(s, 'Enter');
}

/** Answers the masked MFA prompt; the digits must never reach the screen. */
async function answerMfa(s: string, code: string): Promise<string> {
  await waitFor(s, `MFA code for ${MFA_SERIAL}`);
  typeText(s, code);
  const masked = await waitFor(s, `› ${'•'.repeat(code.length)}`);
  expect(masked).not.toContain(code);
  key(s, 'Enter');
  return masked;
}

/** From the plan on: Enter, Enter, y, then Enter on the done screen; returns the IAM screen, and the done screen followed by what the terminal keeps after exit (the transcript). */
async function confirmFromPlan(s: string, question: string): Promise<{ iam: string; end: string }> {
  key(s, 'Enter');
  const iam = await waitFor(s, 'IAM policies for this table');
  key(s, 'Enter');
  await waitFor(s, question);
  typeText(s, 'y');
  const done = await waitFor(s, 'Enter finish');
  key(s, 'Enter');
  return { iam, end: `${done}\n${await waitFor(s, /EXIT=\d+/)}` };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const assumeCalls = () => sts.calls.filter((c) => c.action === 'AssumeRole');

describe('wizard with real credential shapes', () => {
  it('a credential_process profile: plan and IAM name the STS account, the table is created', async () => {
    const s = 'proc';
    launch(s, 'sessions', sts.url);
    await choose(s, 'proc', { type: 'eu-north', expect: 'eu-north-1' });
    await acceptName(s, 'sentinel-sessions');
    const plan = await waitFor(s, 'Plan: create 1 table');
    keepScreen('plan-process.txt', plan);
    expect(plan).toContain('Account 123456789012 as arn:aws:iam::123456789012:user/tester');
    expect(plan).not.toContain('Identity not checked');
    const { iam, end } = await confirmFromPlan(s, 'Create table sentinel-sessions in eu-north-1 (account 123456789012)? [y/n]');
    keepScreen('iam-process.txt', iam);
    expect(iam).toContain('ARNs name account 123456789012 (from STS).');
    expect(iam).toContain('arn:aws:dynamodb:eu-north-1:123456789012:table/sentinel-sessions');
    expect(iam).not.toContain(':*:table/');
    expect(end).toContain('✓ Created table sentinel-sessions in eu-north-1');
    expect(end).toContain('EXIT=0');
    expect(end).toContain(`sentinel-init sessions --aws-profile proc --endpoint-url ${ddb.endpoint} --region eu-north-1 --table sentinel-sessions --yes`);
    expect(sts.calls).toContainEqual(expect.objectContaining({ action: 'GetCallerIdentity', accessKeyId: 'AKIAPROC', region: 'eu-north-1' }));
    expect((await describeTable('AKIAPROC', 'eu-north-1', 'sentinel-sessions'))?.TableStatus).toBe('ACTIVE');
  });

  it('an assume-role profile with mfa_serial: masked code prompt, one AssumeRole with that code, plan as the role', async () => {
    const s = 'role';
    const before = assumeCalls().length;
    launch(s, 'approvals', sts.url);
    await choose(s, 'deploy', { expect: 'eu-west-1' });
    await acceptName(s, 'sentinel-requests');
    keepScreen('mfa.txt', await answerMfa(s, '123456'));
    const plan = await waitFor(s, 'Plan: create 1 table');
    keepScreen('plan-role.txt', plan);
    expect(plan).toMatch(/Account 444455556666 as arn:aws:sts::444455556666:assumed-role\/Deploy\/\S+/);
    const { iam, end } = await confirmFromPlan(s, 'Create table sentinel-requests in eu-west-1 (account 444455556666)? [y/n]');
    keepScreen('iam-role.txt', iam);
    expect(iam).toContain('arn:aws:dynamodb:eu-west-1:444455556666:table/sentinel-requests');
    expect(end).toContain('✓ Created table sentinel-requests in eu-west-1');
    expect(end).toContain('EXIT=0');
    // The command for next time must not stop at "Pass --mfa-code": it asks for a fresh code.
    expect(end).toContain(`sentinel-init approvals --aws-profile deploy --mfa-code CODE --endpoint-url ${ddb.endpoint} --region eu-west-1 --table sentinel-requests --yes`);
    const assumed = assumeCalls().slice(before);
    expect(assumed).toHaveLength(1);
    // Signed in the chosen region: AssumeRole goes where the run goes.
    expect(assumed[0]).toMatchObject({ accessKeyId: 'AKIABASE', region: 'eu-west-1', params: { RoleArn: ROLE_ARN, SerialNumber: MFA_SERIAL, TokenCode: '123456' } });
    // The role's temporary key is the one that created the table.
    const roleKey = sts.calls.filter((c) => c.action === 'GetCallerIdentity').at(-1)?.accessKeyId ?? '';
    expect(roleKey).toMatch(/^ASIA/);
    expect((await describeTable(roleKey, 'eu-west-1', 'sentinel-requests'))?.TableStatus).toBe('ACTIVE');
  });

  it('a refused MFA code: one line on screen, Enter goes back, Enter again retries, the right code then creates the table', async () => {
    const s = 'badmfa';
    const before = assumeCalls().length;
    launch(s, 'breakglass', sts.url);
    await choose(s, 'deploy', { expect: 'eu-west-1' });
    await acceptName(s, 'sentinel-breakglass');
    await answerMfa(s, '000000');
    const failed = await waitFor(s, '✗ The check failed');
    keepScreen('mfa-refused.txt', failed);
    // Ink wraps the sentence at the terminal's width: compare it with the breaks read as spaces.
    expect(oneLine(failed)).toContain(
      `AWS refused the MFA code for profile deploy (${MFA_SERIAL}). Rerun with the current code from the device (each code works once, for about 30 seconds).`,
    );
    expect(failed).toContain('Nothing was created.');
    key(s, 'Enter');
    // Back on the last question (the tags, asked after the name), answered already: Enter checks again
    // and asks anew. That Enter, sent as soon as the step shows, once reached the screen just left and
    // went back again.
    await waitFor(s, 'Tags?');
    key(s, 'Enter');
    await answerMfa(s, '123456');
    await waitFor(s, /Account 444455556666 as arn:aws:sts::444455556666:assumed-role\/Deploy\//);
    const { end } = await confirmFromPlan(s, 'Create table sentinel-breakglass in eu-west-1 (account 444455556666)? [y/n]');
    expect(end).toContain('✓ Created table sentinel-breakglass in eu-west-1');
    expect(end).toContain('EXIT=0');
    expect(assumeCalls().slice(before).map((c) => c.params.TokenCode)).toEqual(['000000', '123456']);
  });

  it('Ctrl-C at the MFA prompt: exit 130, no role assumed, nothing created', async () => {
    const s = 'mfa-ctrlc';
    const before = assumeCalls().length;
    launch(s, 'sessions --table wizard-mfa-ctrlc', sts.url);
    await choose(s, 'deploy', { expect: 'eu-west-1' });
    await waitFor(s, `MFA code for ${MFA_SERIAL}`);
    typeText(s, '12');
    await waitFor(s, '› ••');
    key(s, 'C-c');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('EXIT=130');
    expect(end).toContain('Interrupted: nothing was created.');
    expect(assumeCalls().length).toBe(before);
  });

  it.each([
    { name: 'GovCloud', profile: 'gov', region: 'us-gov-west-1', arn: GOV_ARN, key: 'AKIAGOV', stub: () => govSts },
    { name: 'China', profile: 'china', region: 'cn-north-1', arn: CN_ARN, key: 'AKIACN', stub: () => cnSts },
  ])('$name credentials: plan and IAM ARNs use the partition STS reports', async ({ profile, region, arn, key: accessKeyId, stub }) => {
    const s = profile;
    const [, partition, , , account] = arn.split(':');
    launch(s, 'sessions', stub().url);
    await choose(s, profile, { expect: region });
    await acceptName(s, 'sentinel-sessions');
    const plan = await waitFor(s, 'Plan: create 1 table');
    expect(plan).toContain(`Account ${account} as ${arn}`);
    const { iam, end } = await confirmFromPlan(s, `Create table sentinel-sessions in ${region} (account ${account})? [y/n]`);
    keepScreen(`iam-${profile}.txt`, iam);
    expect(iam).toContain(`arn:${partition}:dynamodb:${region}:${account}:table/sentinel-sessions`);
    expect(iam).not.toContain('arn:aws:');
    expect(end).toContain('EXIT=0');
    expect((await describeTable(accessKeyId, region, 'sentinel-sessions'))?.TableStatus).toBe('ACTIVE');
  });
});
