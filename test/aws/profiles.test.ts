import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../src/aws/profiles.js';
import type { ProfileInfo } from '../../src/aws/types.js';
import { isolateAws, type AwsEnv } from './aws-env.js';

let env: AwsEnv;
beforeEach(() => {
  env = isolateAws();
});
afterEach(() => env.restore());

const byName = (list: ProfileInfo[]): Record<string, ProfileInfo> => Object.fromEntries(list.map((p) => [p.name, p]));

describe('loadProfiles', () => {
  it('gives each profile shape its kind, region, SSO host and MFA need', async () => {
    env.writeConfig(`
[default]
region = us-east-1

[profile keys-in-config]
region = eu-west-1
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start#/
sso_region = us-west-2
sso_account_id = 111122223333
sso_role_name = Admin

[profile role]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = default
mfa_serial = arn:aws:iam::111122223333:mfa/tester
region = cn-north-1

[profile role-on-sso]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = sso-new

[profile role-from-env]
role_arn = arn:aws:iam::444455556666:role/Deploy
credential_source = Environment

[profile proc]
credential_process = /usr/bin/true

[bare]
region = ap-south-1
`);
    env.writeCredentials(`
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = secret

[ci]
aws_access_key_id = AKIACI
aws_secret_access_key = secret

[profile prefixed-in-credentials]
aws_access_key_id = AKIAX
aws_secret_access_key = secret
`);
    const list = await loadProfiles();
    expect(list.map((p) => p.name)).toEqual([
      'ci', 'default', 'keys-in-config', 'proc', 'role', 'role-from-env', 'role-on-sso', 'sso-legacy', 'sso-new',
    ]);
    const p = byName(list);
    expect(p.default).toEqual({ name: 'default', region: 'us-east-1', kind: 'keys', needsMfa: false });
    expect(p.ci).toEqual({ name: 'ci', kind: 'keys', needsMfa: false });
    expect(p['keys-in-config']).toMatchObject({ kind: 'keys', region: 'eu-west-1' });
    expect(p['sso-new']).toEqual({ name: 'sso-new', kind: 'sso', region: 'eu-central-1', ssoHost: 'corp.awsapps.com', needsMfa: false });
    expect(p['sso-legacy']).toMatchObject({ kind: 'sso', ssoHost: 'legacy.awsapps.com' });
    expect(p.role).toEqual({ name: 'role', kind: 'role', region: 'cn-north-1', needsMfa: true });
    expect(p['role-on-sso']).toMatchObject({ kind: 'role', ssoHost: 'corp.awsapps.com', needsMfa: false });
    expect(p['role-from-env']).toMatchObject({ kind: 'role' });
    expect(p['role-from-env']?.broken).toBeUndefined();
    expect(p.proc).toMatchObject({ kind: 'process' });
    for (const info of list) expect(info.broken, info.name).toBeUndefined();
  });

  it('marks profiles that cannot work, with the reason', async () => {
    env.writeConfig(`
[profile orphan-role]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = nowhere

[profile no-session]
sso_session = missing
sso_account_id = 111122223333
sso_role_name = Admin

[profile region-only]
region = us-east-1

[profile loop-a]
role_arn = arn:aws:iam::1:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/B
source_profile = loop-a

[profile bad-source]
role_arn = arn:aws:iam::1:role/A
credential_source = Laptop

[profile chained]
role_arn = arn:aws:iam::1:role/C
source_profile = orphan-role
mfa_serial = arn:aws:iam::1:mfa/me

[profile self-keys]
role_arn = arn:aws:iam::1:role/S
source_profile = self-keys
aws_access_key_id = AKIA
aws_secret_access_key = secret
`);
    const p = byName(await loadProfiles());
    expect(p['orphan-role']?.broken).toBe('source_profile nowhere does not exist');
    expect(p['no-session']?.broken).toBe('its [sso-session missing] section is missing');
    expect(p['region-only']?.broken).toBe('no way to get credentials (no keys, SSO, role_arn or credential_process)');
    expect(p['loop-a']?.broken).toBe('source_profile loops: loop-a → loop-b → loop-a');
    expect(p['bad-source']?.broken).toBe('credential_source must be Environment, Ec2InstanceMetadata, EcsContainer');
    expect(p.chained).toMatchObject({ broken: 'source_profile nowhere does not exist', needsMfa: true });
    expect(p['self-keys']).toMatchObject({ kind: 'role' });
    expect(p['self-keys']?.broken).toBeUndefined();
  });

  it('lists hundreds of profiles from one read of each file', async () => {
    const sections = Array.from({ length: 600 }, (_, i) =>
      i % 2 ? `[profile p${i}]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = p${i - 1}\n` : `[profile p${i}]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n`,
    );
    env.writeConfig(`${sections.join('\n')}\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`);
    const list = await loadProfiles();
    expect(list).toHaveLength(600);
    expect(list.filter((p) => p.broken)).toEqual([]);
    expect(byName(list).p599).toMatchObject({ kind: 'role', ssoHost: 'corp.awsapps.com' });
  });

  it('is empty when there are no files', async () => {
    env.writeConfig('');
    expect(await loadProfiles()).toEqual([]);
  });
});
