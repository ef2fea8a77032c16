/**
 * SSO profiles against a loopback SSO portal (AWS_ENDPOINT_URL_SSO): a live cached token gets role
 * credentials; a token the portal no longer accepts, or an expired one, ends in `aws sso login`.
 */
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
let portal: Server;
let portalAccepts: boolean;
const seen: { path: string; token: string }[] = [];

beforeEach(async () => {
  env = isolateAws();
  sts = await startStsStub({ arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin/alice' });
  portalAccepts = true;
  seen.length = 0;
  portal = createServer((req, res) => {
    seen.push({ path: req.url ?? '', token: String(req.headers['x-amz-sso_bearer_token'] ?? '') });
    if (!portalAccepts) {
      res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' });
      res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 's', sessionToken: 't', expiration: Date.now() + 3600_000 } }));
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL_SSO = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  process.env.AWS_ENDPOINT_URL_STS = sts.url;
  env.writeConfig(`
[default]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin

[profile corp]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`);
});
afterEach(async () => {
  await Promise.all([sts.close(), new Promise<void>((resolve) => portal.close(() => resolve()))]);
  env.restore();
});

async function failure(profile: string | undefined): Promise<string> {
  const credentials = await credentialProvider({ profile, region: 'us-east-1' });
  const error = await credentials().then(
    () => undefined,
    (e: unknown) => e,
  );
  return describeError(credentialErrorToCli(error, profile)).text;
}

describe('SSO profiles', () => {
  it('a live cached token is exchanged for role credentials, and STS names the SSO role', async () => {
    env.ssoToken('corp', new Date(Date.now() + 3600_000));
    const credentials = await credentialProvider({ profile: 'corp', region: 'us-east-1' });
    expect(await credentials()).toMatchObject({ accessKeyId: 'ASIASSO' });
    expect(seen[0]?.path).toBe('/federation/credentials?account_id=111122223333&role_name=Admin');
    expect(seen[0]?.token).toBe('stale-token');
    const identity = await getIdentity({ region: 'us-east-1', profile: 'corp', credentials });
    expect(identity).toMatchObject({ account: '111122223333', partition: 'aws' });
  });

  it('a token the portal refuses (signed out elsewhere) asks for aws sso login', async () => {
    env.ssoToken('corp', new Date(Date.now() + 3600_000));
    portalAccepts = false;
    expect(await failure('corp')).toBe('The SSO session of profile corp has expired or was never started. Run: aws sso login --profile corp');
  });

  it('the default chain on an expired [default] SSO profile names it too', async () => {
    env.ssoToken('corp', new Date(Date.now() - 60_000));
    expect(await failure(undefined)).toBe(
      'The SSO session of the default credentials has expired or was never started. Run: aws sso login --profile default',
    );
    expect(seen).toEqual([]);
  });
});
