/** Real files, the real SDK providers, a loopback STS: each profile shape resolves or fails as a person would see. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialErrorToCli } from '../../src/aws/credential-errors.js';
import { credentialProvider, headlessMfaProvider } from '../../src/aws/credentials.js';
import { getIdentity } from '../../src/aws/identity.js';
import { describeError } from '../../src/core/errors.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { isolateAws, type AwsEnv } from './aws-env.js';

let env: AwsEnv;
let sts: StsStub;
beforeEach(async () => {
  env = isolateAws();
  sts = await startStsStub({ mfaCode: '123456', mfaRoles: ['arn:aws:iam::444455556666:role/Deploy'] });
  process.env.AWS_ENDPOINT_URL_STS = sts.url;
});
afterEach(async () => {
  await sts.close();
  env.restore();
});

/** The one line and exit code a person would get for whatever the provider threw. */
async function failure(provider: () => Promise<unknown>, profile?: string): Promise<{ text: string; exitCode: number }> {
  const error = await provider().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the credentials to fail').toBeDefined();
  const mapped = credentialErrorToCli(error, profile);
  expect(mapped, `not mapped: ${String(error)}`).toBeDefined();
  return describeError(mapped);
}

const ROLE = `
[profile base]
aws_access_key_id = AKIABASE
aws_secret_access_key = secret
region = us-east-1

[profile deploy]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/tester
region = us-west-2
`;

describe('credentialProvider with real profiles', () => {
  it('static keys resolve and GetCallerIdentity goes to the STS endpoint in the run region', async () => {
    env.writeCredentials('[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = secret\n');
    const credentials = await credentialProvider({ profile: 'ci', region: 'eu-west-1' });
    expect(await credentials()).toMatchObject({ accessKeyId: 'AKIACI', secretAccessKey: 'secret' });
    const identity = await getIdentity({ region: 'eu-west-1', profile: 'ci', credentials });
    expect(identity).toEqual({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/tester', partition: 'aws' });
    expect(sts.calls).toEqual([expect.objectContaining({ action: 'GetCallerIdentity', accessKeyId: 'AKIACI', region: 'eu-west-1' })]);
  });

  it('credential_process runs once per run however many calls need credentials', async () => {
    const counter = join(env.home, 'runs');
    const script = env.script(
      'creds.mjs',
      `#!/usr/bin/env node\nimport { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(counter)}, 'x');\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROC', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600e3).toISOString() }));\n`,
    );
    env.writeConfig(`[profile proc]\ncredential_process = ${script}\n`);
    const credentials = await credentialProvider({ profile: 'proc', region: 'us-east-1' });
    await Promise.all([credentials(), credentials()]);
    expect(await credentials()).toMatchObject({ accessKeyId: 'AKIAPROC', sessionToken: 't' });
    expect(readFileSync(counter, 'utf8')).toBe('x');
  });

  it('a role with mfa_serial is assumed through STS with the --mfa-code value, in the run region', async () => {
    env.writeConfig(ROLE);
    const credentials = await credentialProvider({ profile: 'deploy', region: 'eu-west-1', mfaCodeProvider: headlessMfaProvider('123456', 'deploy') });
    expect((await credentials()).accessKeyId).toMatch(/^ASIASTUB/);
    const identity = await getIdentity({ region: 'eu-west-1', profile: 'deploy', credentials });
    expect(identity?.arn).toMatch(/^arn:aws:sts::444455556666:assumed-role\/Deploy\//);
    expect(identity?.account).toBe('444455556666');
    const assume = sts.calls.find((c) => c.action === 'AssumeRole');
    expect(assume).toMatchObject({ accessKeyId: 'AKIABASE', region: 'eu-west-1' });
    expect(assume?.params).toMatchObject({ SerialNumber: 'arn:aws:iam::111122223333:mfa/tester', TokenCode: '123456' });
    expect(sts.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(1);
  });

  it('a wrong MFA code is refused with a one-line fix, and the next call asks again', async () => {
    env.writeConfig(ROLE);
    const codes = ['000000', '123456'];
    const asked: string[] = [];
    const credentials = await credentialProvider({
      profile: 'deploy',
      region: 'us-east-1',
      mfaCodeProvider: async (serial) => {
        asked.push(serial);
        return codes.shift() ?? '';
      },
    });
    const { text, exitCode } = await failure(() => credentials(), 'deploy');
    expect(text).toBe(
      'AWS refused the MFA code for profile deploy (arn:aws:iam::111122223333:mfa/tester). Rerun with the current code from the device (each code works once, for about 30 seconds).',
    );
    expect(exitCode).toBe(1);
    expect((await credentials()).accessKeyId).toMatch(/^ASIASTUB/);
    expect(asked).toHaveLength(2);
  });

  it('headless without --mfa-code stops with exit 2 naming the flag, before calling STS', async () => {
    env.writeConfig(ROLE);
    const credentials = await credentialProvider({ profile: 'deploy', region: 'us-east-1', mfaCodeProvider: headlessMfaProvider(undefined, 'deploy') });
    expect(await failure(() => credentials(), 'deploy')).toEqual({
      text: 'Profile deploy needs an MFA code for arn:aws:iam::111122223333:mfa/tester. Pass --mfa-code CODE (the current code from the device).',
      exitCode: 2,
    });
    expect(sts.calls).toEqual([]);
  });

  it('with no MFA callback at all the SDK refusal still names --mfa-code', async () => {
    env.writeConfig(ROLE);
    const credentials = await credentialProvider({ profile: 'deploy', region: 'us-east-1' });
    expect(await failure(() => credentials(), 'deploy')).toEqual({
      text: 'Profile deploy needs an MFA code. Pass --mfa-code CODE (the current code from the MFA device).',
      exitCode: 2,
    });
  });

  it('a role from credential_source = Environment uses the environment keys', async () => {
    env.writeConfig('[profile envrole]\nrole_arn = arn:aws:iam::777788889999:role/Env\ncredential_source = Environment\n');
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const credentials = await credentialProvider({ profile: 'envrole', region: 'us-east-1' });
    const identity = await getIdentity({ region: 'us-east-1', credentials });
    expect(identity?.account).toBe('777788889999');
    expect(sts.calls[0]).toMatchObject({ action: 'AssumeRole', accessKeyId: 'AKIAENV' });
  });

  it('no profile: the default chain takes environment variables', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const credentials = await credentialProvider({ region: 'us-east-1' });
    expect(await credentials()).toMatchObject({ accessKeyId: 'AKIAENV' });
  });

  it('no profile and the default chain finds nothing: says where it looked', async () => {
    const credentials = await credentialProvider({ region: 'us-east-1' });
    expect(await failure(() => credentials())).toEqual({
      text: `No AWS credentials found (looked in: environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ${env.configPath}, ${env.credentialsPath}, SSO, container and instance metadata). Pass --aws-profile NAME, set AWS_PROFILE, or run \`aws configure\`.`,
      exitCode: 1,
    });
  });

  it('files are read when credentials are needed, not when the provider is built', async () => {
    const credentials = await credentialProvider({ profile: 'later', region: 'us-east-1' });
    env.writeCredentials('[later]\naws_access_key_id = AKIALATER\naws_secret_access_key = s\n');
    expect(await credentials()).toMatchObject({ accessKeyId: 'AKIALATER' });
  });
});
