/** Each credential failure triggered for real (SDK providers, real files, loopback services) and its one line. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialErrorToCli } from '../../src/aws/credential-errors.js';
import { credentialProvider } from '../../src/aws/credentials.js';
import { getIdentity } from '../../src/aws/identity.js';
import { describeError } from '../../src/core/errors.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { isolateAws, type AwsEnv } from './aws-env.js';

let env: AwsEnv;
let sts: StsStub;
beforeEach(async () => {
  env = isolateAws();
  sts = await startStsStub({ invalidKeys: ['AKIABAD'], expiredKeys: ['ASIAOLD'] });
  process.env.AWS_ENDPOINT_URL_STS = sts.url;
});
afterEach(async () => {
  await sts.close();
  env.restore();
});

/** Resolves the profile's credentials, then asks STS who they are; returns the line a person sees. */
async function run(profile: string | undefined): Promise<{ text: string; exitCode: number }> {
  const credentials = await credentialProvider({ profile, region: 'us-east-1' });
  const error = await getIdentity({ region: 'us-east-1', profile, credentials }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a failure').toBeDefined();
  const mapped = credentialErrorToCli(error, profile);
  expect(mapped, `not mapped: ${String(error)}`).toBeDefined();
  return describeError(mapped);
}

const SSO = `
[profile corp]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[profile on-corp]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = corp
`;

describe('credentialErrorToCli on real failures', () => {
  it('SSO (sso_session) with an expired cached token: exactly aws sso login --profile NAME', async () => {
    env.writeConfig(SSO);
    env.ssoToken('corp', new Date(Date.now() - 3600_000));
    expect(await run('corp')).toEqual({
      text: 'The SSO session of profile corp has expired or was never started. Run: aws sso login --profile corp',
      exitCode: 1,
    });
  });

  it('legacy SSO with an expired token, and SSO never logged in', async () => {
    env.writeConfig(SSO);
    env.ssoToken('https://legacy.awsapps.com/start', new Date(Date.now() - 60_000));
    expect((await run('legacy')).text).toMatch(/ Run: aws sso login --profile legacy$/);
    expect((await run('corp')).text).toMatch(/ Run: aws sso login --profile corp$/);
  });

  it('a role on top of SSO names the SSO profile to log in with', async () => {
    env.writeConfig(SSO);
    env.ssoToken('corp', new Date(Date.now() - 3600_000));
    expect((await run('on-corp')).text).toBe(
      'The SSO session of profile on-corp has expired or was never started. Run: aws sso login --profile corp',
    );
  });

  it('an SSO profile whose [sso-session] section is missing', async () => {
    env.writeConfig('[profile lost]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = R\n');
    expect(await run('lost')).toEqual({
      text: `Profile lost cannot work: its [sso-session gone] section is missing. Fix its section in ${env.configPath}.`,
      exitCode: 1,
    });
  });

  // Changed: its stderr was echoed in the sentence (a token in it was printed); now only the program is named.
  it('a credential_process that fails is named by its program, not its arguments or its stderr', async () => {
    const script = env.script('broker.sh', '#!/bin/sh\necho "token broker unreachable: connection refused" >&2\necho "second line" >&2\nexit 3\n');
    env.writeConfig(`[profile proc]\ncredential_process = ${script} --key KSECRET456\n`);
    expect(await run('proc')).toEqual({
      text: 'The credential_process of profile proc (broker.sh) failed. Run it by hand to see why (or rerun with DEBUG=1 for its error output), then rerun.',
      exitCode: 1,
    });
  });

  it('a credential_process that prints something other than JSON', async () => {
    const script = env.script('chatty.sh', '#!/bin/sh\necho "Please log in first"\n');
    env.writeConfig(`[profile proc]\ncredential_process = ${script}\n`);
    expect(await run('proc')).toEqual({
      text: 'The credential_process of profile proc printed something that is not JSON. It must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...} on stdout.',
      exitCode: 1,
    });
  });

  it('a role whose source_profile does not exist', async () => {
    env.writeConfig('[profile orphan]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = nowhere\n');
    expect(await run('orphan')).toEqual({
      text: `Profile orphan cannot work: source_profile nowhere does not exist. Fix its section in ${env.configPath}.`,
      exitCode: 1,
    });
  });

  it('a profile that is not in the files is a usage error', async () => {
    env.writeCredentials('[other]\naws_access_key_id = A\naws_secret_access_key = s\n');
    expect(await run('typo')).toEqual({
      text: `Profile typo is not in ${env.configPath} or ${env.credentialsPath}. Pass an existing --aws-profile (list them with \`aws configure list-profiles\`).`,
      exitCode: 2,
    });
  });

  it('keys AWS does not recognise (STS InvalidClientTokenId)', async () => {
    env.writeCredentials('[bad]\naws_access_key_id = AKIABAD\naws_secret_access_key = s\n');
    expect(await run('bad')).toEqual({
      text: `AWS rejected the access keys of profile bad (InvalidClientTokenId). Check aws_access_key_id and aws_secret_access_key in ${env.credentialsPath} or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use another --aws-profile.`,
      exitCode: 1,
    });
  });

  it('expired session credentials (STS ExpiredToken)', async () => {
    env.writeCredentials('[old]\naws_access_key_id = ASIAOLD\naws_secret_access_key = s\naws_session_token = t\n');
    expect(await run('old')).toEqual({
      text: 'The session credentials of profile old have expired (ExpiredToken). Get fresh credentials (a new aws_session_token, or `aws sso login` for an SSO profile) and rerun.',
      exitCode: 1,
    });
  });
});

describe('DynamoDB answers', () => {
  let server: Server;
  let endpoint: string;
  let reply: { status: number; type: string; message: string };
  beforeEach(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'stub' });
        res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${reply.type}`, message: reply.message }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function describeTableError(): Promise<unknown> {
    const { DynamoDBClient, DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint, maxAttempts: 1, credentials: { accessKeyId: 'AKIAX', secretAccessKey: 's' } });
    try {
      return await client.send(new DescribeTableCommand({ TableName: 't' })).then(() => undefined, (e: unknown) => e);
    } finally {
      client.destroy();
    }
  }

  it('UnrecognizedClientException and InvalidSignatureException are bad keys', async () => {
    reply = { status: 400, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    expect(describeError(credentialErrorToCli(await describeTableError(), 'p')).text).toMatch(/^AWS rejected the access keys of profile p \(UnrecognizedClientException\)\./);
    reply = { status: 400, type: 'InvalidSignatureException', message: 'The request signature we calculated does not match' };
    expect(describeError(credentialErrorToCli(await describeTableError())).text).toMatch(/^AWS rejected the access keys of the default credentials \(InvalidSignatureException\)\./);
  });

  it('ExpiredTokenException is expired credentials; table errors are left to the DynamoDB mapping', async () => {
    reply = { status: 400, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
    expect(credentialErrorToCli(await describeTableError(), 'p')?.message).toBe('The session credentials of profile p have expired (ExpiredTokenException).');
    reply = { status: 400, type: 'AccessDeniedException', message: 'not authorized to perform: dynamodb:DescribeTable' };
    expect(credentialErrorToCli(await describeTableError(), 'p')).toBeUndefined();
    reply = { status: 400, type: 'ResourceNotFoundException', message: 'Requested resource not found' };
    expect(credentialErrorToCli(await describeTableError(), 'p')).toBeUndefined();
  });
});
