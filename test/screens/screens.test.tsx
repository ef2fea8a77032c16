// Single screens: what each shows and how its keys behave.
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialErrorToCli, CredentialResolutionError } from '../../src/aws/credential-errors.js';
import { describeError } from '../../src/core/errors.js';
import { CheckFailedScreen } from '../../src/screens/CheckFailedScreen.js';
import { CheckScreen } from '../../src/screens/CheckScreen.js';
import { IamScreen } from '../../src/screens/IamScreen.js';
import { ProfileScreen } from '../../src/screens/ProfileScreen.js';
import { RegionScreen } from '../../src/screens/RegionScreen.js';
import { TableScreen } from '../../src/screens/TableScreen.js';
import { fakeServices, PROFILES, REGIONS } from '../wizard/fixtures.js';
import { KEY, press, type, waitFor, waitForText } from './helpers.js';

afterEach(cleanup);
const { services } = fakeServices();

describe('CheckScreen', () => {
  it('while it waits: shows the time so far, and Esc goes back, aborting the check', async () => {
    let signal: AbortSignal | undefined;
    let back = 0;
    function Host() {
      const [shown, setShown] = useState(true);
      return shown ? (
        <CheckScreen
          what="profile dev, table t in eu-west-1"
          run={(_mfa, s) => ((signal = s), new Promise(() => {}))}
          describeError={String}
          onChecked={() => {}}
          onFailed={() => {}}
          onBack={() => (back++, setShown(false))}
        />
      ) : null;
    }
    const r = render(<Host />);
    await waitForText(r, 'Checking credentials and reading the table (profile dev, table t in eu-west-1)…');
    await waitFor(r, (f) => /… 1\.\d s/.test(f), 3000);
    expect(r.lastFrame()).toContain('Esc back');
    await press(r, KEY.esc);
    await waitFor(r, () => back === 1);
    // The check is aborted when the screen goes (its effect's cleanup), a commit after the key.
    await waitFor(r, () => signal?.aborted === true);
    expect(r.lastFrame()).not.toContain('Checking credentials');
  });
});

describe('CheckFailedScreen', () => {
  it('at 80 columns the SSO fix `aws sso login --profile corp-sso` stays on one row, to copy whole', async () => {
    const expired = new CredentialResolutionError(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { profile: 'corp-sso', ssoProfile: 'corp-sso' });
    const message = describeError(credentialErrorToCli(expired, 'corp-sso')).text;
    // As app.tsx lays it out: a column as wide as the terminal.
    const r = render(
      <Box width={80}>
        <CheckFailedScreen message={message} width={80} onBack={() => {}} />
      </Box>,
    );
    const rows = (await waitForText(r, 'The check failed')).split('\n');
    expect(rows.every((row) => row.length < 80)).toBe(true);
    expect(rows.map((row) => row.trim())).toContain('aws sso login --profile corp-sso');
  });
});

describe('ProfileScreen', () => {
  it('lists each profile with region and kind, marks broken ones, preselects AWS_PROFILE', async () => {
    const r = render(<ProfileScreen load={async () => PROFILES} preselect="prod-admin" files="~/.aws/config" rows={8} onSelect={() => {}} />);
    const f = await waitForText(r, 'Which AWS profile?');
    expect(f).toMatch(/❯ prod-admin +us-west-2 · role · MFA/);
    expect(f).toMatch(/ default +us-east-1 · static keys/);
    expect(f).toMatch(/ broken-one +no region · role  ✗ source_profile "nope" does not exist/);
    expect(f).toContain('(default credential chain)');
    // Details start in one column, whatever the length of the profile's name.
    const lines = f.split('\n');
    const column = (text: string) => lines.find((l) => l.includes(text))!.indexOf(text);
    expect(new Set([column('us-west-2 · role'), column('us-east-1 · static'), column('no region · role')]).size).toBe(1);
  });

  it('explains what to do when there are no profiles, and still offers the default chain', async () => {
    let chosen: string | undefined = 'unset';
    const r = render(<ProfileScreen load={async () => []} files="/tmp/x/config or /tmp/x/credentials" rows={8} onSelect={(p) => (chosen = p)} />);
    const f = await waitForText(r, 'No profiles found in /tmp/x/config or /tmp/x/credentials.');
    expect(f).toContain('aws configure sso');
    expect(f).toContain('sentinel-init --local');
    expect(f).toContain('❯ (default credential chain)');
    await press(r, KEY.enter);
    expect(chosen).toBeUndefined();
  });

  it('says why the files could not be read and still offers the default chain', async () => {
    const load = async () => {
      throw new Error('Unexpected "[" at line 3 of ~/.aws/config');
    };
    const r = render(<ProfileScreen load={load} files="~/.aws/config" rows={8} onSelect={() => {}} />);
    const f = await waitForText(r, 'Could not read the AWS config files: Unexpected "[" at line 3');
    expect(f).toContain('❯ (default credential chain)');
  });
});

describe('RegionScreen', () => {
  it('preselects the given region, filters by name, refuses a typed region it does not know, and takes one the override allows', async () => {
    const picked: string[] = [];
    const props = { load: async () => REGIONS, typed: services.typedRegion, rows: 8, onSelect: (x: string) => picked.push(x) };
    const r = render(<RegionScreen {...props} preselect={async () => 'us-west-2'} />);
    expect(await waitForText(r, '❯ us-west-2')).toContain('US West (Oregon)');
    await type(r, 'ireland');
    await press(r, KEY.enter);
    expect(picked).toEqual(['eu-west-1']);
    cleanup();
    const r2 = render(<RegionScreen {...props} preselect={async () => undefined} />);
    await waitForText(r2, '❯ us-east-1');
    await type(r2, 'eu-wst-1');
    await press(r2, KEY.enter, "not one this tool's AWS SDK knows");
    expect(picked).toEqual(['eu-west-1']);
    cleanup();
    const r3 = render(<RegionScreen {...props} typed={async () => undefined} preselect={async () => undefined} />);
    await waitForText(r3, '❯ us-east-1');
    await type(r3, 'ap-new-9');
    await press(r3, KEY.enter);
    await waitFor(r3, () => picked.length === 2);
    expect(picked).toEqual(['eu-west-1', 'ap-new-9']);
  });
});

describe('TableScreen', () => {
  it('starts with the default, shows why a name is refused as you type, and Enter refuses it', async () => {
    const submitted: string[] = [];
    const r = render(<TableScreen initial="sentinel-sessions" validate={services.validateTable} onSubmit={(t) => submitted.push(t)} />);
    await waitForText(r, '› sentinel-sessions');
    await type(r, ' x');
    expect(await waitForText(r, '✗')).toContain('3 to 255');
    await press(r, KEY.enter);
    expect(submitted).toEqual([]);
    await press(r, KEY.backspace);
    await press(r, KEY.backspace, '✓ valid name');
    await press(r, KEY.enter);
    expect(submitted).toEqual(['sentinel-sessions']);
  });
});

describe('TableScreen, keys arriving together as a terminal sends them', () => {
  it('three Backspaces in one read delete three characters; typing in one read keeps every character', async () => {
    const submitted: string[] = [];
    const r = render(<TableScreen initial="sentinel-sessions" validate={services.validateTable} onSubmit={(t) => submitted.push(t)} />);
    await waitForText(r, '› sentinel-sessions');
    await press(r, KEY.backspace.repeat(3));
    await waitFor(r, (f) => /› sentinel-sessi\s*$/m.test(f));
    await press(r, 'ons-v2', '› sentinel-sessions-v2');
    await press(r, KEY.enter);
    expect(submitted).toEqual(['sentinel-sessions-v2']);
  });
});

describe('IamScreen', () => {
  const json = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 10 }, (_, i) => ({ Sid: `S${i}`, Action: 'dynamodb:GetItem' })) }, null, 2);
  const sections = [
    { heading: 'Provisioning policy', note: 'Attach it to whoever runs sentinel-init.', json },
    { heading: 'Runtime policy', note: "Attach it to Sentinel's Lambda TVM execution role.", json: json.replace(/"S(\d)"/g, '"R$1"') },
  ];
  it('shows each policy under its heading and where it goes, fits its height, scrolls with ↓ and PgDn, and saves both with s', async () => {
    let saves = 0;
    const save = async () => {
      saves++;
      return './sentinel-sessions-provisioning-policy.json and ./sentinel-sessions-runtime-policy.json';
    };
    const r = render(<IamScreen sections={sections} title="IAM policies for this table" nextLabel="continue" accountNote="ARNs name account 1" height={14} width={80} save={save} onNext={() => {}} />);
    const first = await waitForText(r, 'IAM policies for this table');
    expect(first.split('\n').length).toBeLessThanOrEqual(14);
    expect(first).toContain('lines 1–9 of');
    expect(first).toContain('Provisioning policy\nAttach it to whoever runs sentinel-init.\n{');
    expect(first).toContain('"Version"');
    await press(r, KEY.down, 'lines 2–10 of');
    await press(r, KEY.pageDown, 'lines 11–19 of');
    expect(r.lastFrame()).not.toContain('"Version"');
    // Further down: the second policy, under its own heading.
    for (let i = 0; i < 3; i++) await press(r, KEY.pageDown);
    const later = await press(r, KEY.pageDown, 'lines 47–55 of');
    expect(later).toContain("Runtime policy\nAttach it to Sentinel's Lambda TVM execution role.");
    expect(later).toContain('"R0"');
    const saved = await press(r, 's', 'Saved the policies to');
    expect(saved.replace(/\n/g, ' ')).toContain('✓ Saved the policies to ./sentinel-sessions-provisioning-policy.json and ./sentinel-sessions-runtime-policy.json');
    // Folded onto two rows, the line takes one from the policies: the screen keeps its height.
    expect(saved.split('\n').length).toBeLessThanOrEqual(14);
    expect(saves).toBe(1);
  });
});
