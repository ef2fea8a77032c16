/**
 * The built CLI, headless, with real profile files: a credential_process profile and an assume-role
 * profile (MFA via --mfa-code, through the loopback STS) provision tables on DynamoDB Local; the
 * failures each end in one line with the fix and the right exit code.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { onlyTable } from '../cli/run-cli.js';

const CLI = resolve('dist/cli.js');
const ROLE_ARN = 'arn:aws:iam::444455556666:role/Deploy';

let home: string;
let ddb: DynamoDbLocal;
let sts: StsStub;

function write(path: string, text: string, mode?: number): string {
  writeFileSync(path, text);
  if (mode) chmodSync(path, mode);
  return path;
}

beforeAll(async () => {
  expect(existsSync(CLI), 'dist/cli.js is missing: run npm run build').toBe(true);
  [ddb, sts] = await Promise.all([startDynamoDbLocal(), startStsStub({ mfaCode: '123456', mfaRoles: [ROLE_ARN] })]);
  home = mkdtempSync(join(tmpdir(), 'sentinel-e2e-creds-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const good = write(join(home, 'good.mjs'), `#!/usr/bin/env node\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROC', SecretAccessKey: 'procsecret' }));\n`, 0o755);
  const failing = write(join(home, 'failing.sh'), '#!/bin/sh\necho "vault is sealed" >&2\nexit 2\n', 0o755);
  const chatty = write(join(home, 'chatty.sh'), '#!/bin/sh\necho "not json"\n', 0o755);
  write(join(home, '.aws', 'config'), `
[profile proc]
credential_process = ${good}

[profile deploy]
role_arn = ${ROLE_ARN}
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/tester

[profile corp]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile orphan]
role_arn = ${ROLE_ARN}
source_profile = nowhere

[profile failing]
credential_process = ${failing}

[profile chatty]
credential_process = ${chatty}
`);
  write(join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n');
  const tokenFile = `${createHash('sha1').update('corp').digest('hex')}.json`;
  write(join(home, '.aws', 'sso', 'cache', tokenFile), JSON.stringify({ accessToken: 'old', expiresAt: new Date(Date.now() - 3600_000).toISOString() }));
});

afterAll(async () => {
  await Promise.all([ddb?.stop(), sts?.close()]);
  if (home) rmSync(home, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with a clean environment: only this test's HOME and endpoints, no AWS_* from the machine. */
function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: sts.url,
    ...extraEnv,
  };
  // An empty value means "unset" for this run.
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key as keyof typeof env];
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 50_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const local = (table: string): string[] => ['--table', table, '--region', 'us-east-1', '--endpoint-url', ddb.endpoint, '--yes', '--json'];

/** The error line the entry point prints (it is the last line; no stack without DEBUG). */
function errorLine(run: Run): string {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr.trim().split('\n').at(-1) ?? '';
}

describe('headless credentials end to end', () => {
  it('a credential_process profile provisions a table, after STS says who it is', async () => {
    const run = await cli(['sessions', '--aws-profile', 'proc', ...local('creds-proc')]);
    expect(run.stderr).toContain('Account 123456789012 as arn:aws:iam::123456789012:user/tester (profile proc)');
    expect(run.code, run.stderr).toBe(0);
    expect(onlyTable(run)).toMatchObject({ table: 'creds-proc', status: 'created' });
    expect(sts.calls).toContainEqual(expect.objectContaining({ action: 'GetCallerIdentity', accessKeyId: 'AKIAPROC' }));
  });

  it('an assume-role profile with --mfa-code provisions a table as the assumed role', async () => {
    const run = await cli(['approvals', '--aws-profile', 'deploy', '--mfa-code', '123456', ...local('creds-role')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Account 444455556666 as arn:aws:sts::444455556666:assumed-role\/Deploy\/\S+ \(profile deploy\)/);
    expect(onlyTable(run)).toMatchObject({ kind: 'approvals', table: 'creds-role', status: 'created' });
    const assume = sts.calls.filter((c) => c.action === 'AssumeRole');
    expect(assume).toHaveLength(1);
    expect(assume[0]).toMatchObject({ accessKeyId: 'AKIABASE', region: 'us-east-1', params: { TokenCode: '123456' } });
  });

  it('the MFA profile without --mfa-code: exit 2 naming the flag', async () => {
    const run = await cli(['--aws-profile', 'deploy', ...local('creds-nomfa')]);
    expect(run.code).toBe(2);
    expect(errorLine(run)).toBe(
      'sentinel-init: Profile deploy needs an MFA code for arn:aws:iam::111122223333:mfa/tester. Pass --mfa-code CODE (the current code from the device).',
    );
  });

  it('--plan with the MFA profile and no --mfa-code: exit 2 naming the flag, not an offline plan', async () => {
    const run = await cli(['--aws-profile', 'deploy', '--plan', '--json', '--table', 'creds-plan-nomfa', '--region', 'eu-west-1', '--endpoint-url', ddb.endpoint]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(errorLine(run)).toContain('Pass --mfa-code CODE');
  });

  it('a refused MFA code: exit 1', async () => {
    const run = await cli(['--aws-profile', 'deploy', '--mfa-code', '000000', ...local('creds-badmfa')]);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      'sentinel-init: AWS refused the MFA code for profile deploy (arn:aws:iam::111122223333:mfa/tester). Rerun with the current code from the device (each code works once, for about 30 seconds).',
    );
  });

  it('an SSO profile with an expired token: exit 1 and exactly aws sso login --profile corp', async () => {
    const run = await cli(['--aws-profile', 'corp', ...local('creds-sso')]);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe('sentinel-init: The SSO session of profile corp has expired or was never started. Run: aws sso login --profile corp');
  });

  it.each([
    ['orphan', `sentinel-init: Profile orphan cannot work: source_profile nowhere does not exist. Fix its section in HOME/.aws/config.`],
    // Its stderr only with DEBUG now (it may hold a token): the profile and the program are named.
    ['failing', 'sentinel-init: The credential_process of profile failing (failing.sh) failed. Run it by hand to see why (or rerun with DEBUG=1 for its error output), then rerun.'],
    ['chatty', 'sentinel-init: The credential_process of profile chatty printed something that is not JSON. It must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...} on stdout.'],
  ])('profile %s fails with its one-line fix', async (profile, line) => {
    const run = await cli(['--aws-profile', profile, ...local(`creds-${profile}`)]);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(line.replace('HOME', home));
  });

  it('no credentials anywhere: says where it looked (STS skipped for the local endpoint)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sentinel-e2e-empty-'));
    try {
      const run = await cli(local('creds-none'), { HOME: empty, AWS_ENDPOINT_URL_STS: '' });
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe(
        `sentinel-init: No AWS credentials found (looked in: environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ${empty}/.aws/config, ${empty}/.aws/credentials, SSO, container and instance metadata). Pass --aws-profile NAME, set AWS_PROFILE, or run \`aws configure\`.`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
