/**
 * The built CLI with a loopback STS (AWS_ENDPOINT_URL_STS) in front of DynamoDB Local: the account
 * and caller are said before any change, a role needing MFA takes --mfa-code (or names the flag),
 * and --plan survives a table it may not read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';

const ROLE = 'arn:aws:iam::210987654321:role/provisioner';
let local: DynamoDbLocal;
let proxy: FaultProxy;
let sts: StsStub;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
  sts = await startStsStub({ mfaCode: '123456', mfaRoles: [ROLE] });
  home = mkdtempSync(join(tmpdir(), 'headless-identity-'));
  writeFileSync(join(home, 'config'), `[profile base]\nregion = eu-west-1\n\n[profile mfa]\nregion = eu-west-1\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/tester\n`);
  writeFileSync(join(home, 'credentials'), '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret\n');
  env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_ENDPOINT_URL_STS: sts.url };
});

afterAll(async () => {
  await sts?.close();
  await proxy?.stop();
  await local?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

it('says the account and caller before any change, and puts the account in the plan JSON', async () => {
  const args = ['--aws-profile', 'base', '--endpoint-url', local.endpoint, '--table', 'id-check'];
  const plan = await runCli([...args, '--plan', '--json'], { env });
  expect(plan.code, plan.stderr).toBe(0);
  expect(onlyTable(plan)).toMatchObject({ action: 'create', account: '123456789012', caller: 'arn:aws:iam::123456789012:user/tester' });

  const run = await runCli([...args, '--yes'], { env });
  expect(run.code, run.stderr).toBe(0);
  const err = lines(run.stderr);
  const who = err.findIndex((l) => l.startsWith('Account 123456789012 as arn:aws:iam::123456789012:user/tester'));
  const create = err.findIndex((l) => l.startsWith('- Create table id-check'));
  expect(who, run.stderr).toBeGreaterThanOrEqual(0);
  expect(who).toBeLessThan(create);
});

it('a role needing MFA: without --mfa-code exit 2 naming it; with the code it works as the role', async () => {
  const args = ['--aws-profile', 'mfa', '--endpoint-url', local.endpoint, '--table', 'mfa-check', '--yes', '--json'];
  const without = await runCli(args, { env });
  expect(without.code, without.stderr).toBe(2);
  expect(without.stdout).toBe('');
  expect(without.stderr).toMatch(/--mfa-code/);

  const withCode = await runCli([...args, '--mfa-code', '123456'], { env });
  expect(withCode.code, withCode.stderr).toBe(0);
  expect(onlyTable(withCode)).toMatchObject({ status: 'created' });
  expect(withCode.stderr).toMatch(/Account 210987654321 as arn:aws:sts::210987654321:assumed-role\/provisioner\//);
});

it('--plan on a table it may not read: the offline plan, with the denied action as the reason', async () => {
  proxy.inject('DescribeTable', 'access-denied', 1);
  const run = await runCli(['--aws-profile', 'base', '--endpoint-url', proxy.endpoint, '--table', 'denied-read', '--plan', '--json'], { env });
  expect(run.code, run.stderr).toBe(0);
  const doc = onlyTable<{ action: string; compared: boolean; reason: string }>(run);
  expect(doc).toMatchObject({ action: 'create', compared: false });
  expect(doc.reason).toMatch(/dynamodb:DescribeTable/);
});
