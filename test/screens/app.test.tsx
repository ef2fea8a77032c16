// The whole wizard with hand-written fake services: what a person sees and the exit code they get.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import type { Options } from '../../src/service/options.js';
import type { WizardServices } from '../../src/wizard/services.js';
import { fakeServices, options } from '../wizard/fixtures.js';
import { KEY, press, type, waitForText, type Rendered } from './helpers.js';

afterEach(cleanup);

function start(opts: Options, services: WizardServices, env: NodeJS.ProcessEnv = {}) {
  const exit: { code?: number; after?: string } = {};
  const r = render(<App options={opts} services={services} onExit={(c, a) => Object.assign(exit, { code: c, after: a })} env={env} size={{ columns: 100, rows: 30 }} />);
  return { r, exit };
}

async function exited(exit: { code?: number }, r: Rendered) {
  for (let i = 0; i < 300 && exit.code === undefined; i++) await new Promise((res) => setTimeout(res, 10));
  if (exit.code === undefined) throw new Error(`no exit; last frame:\n${r.lastFrame()}`);
  return exit.code;
}

describe('wizard', () => {
  it('walks kind → profile → region → table → plan → IAM → confirm → apply → done, exit 0', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options(), services);
    await waitForText(r, 'Which table?');
    await type(r, 'appr');
    await press(r, KEY.enter, 'Which AWS profile?');
    // AWS_PROFILE is unset here: `default` is preselected; type to pick another.
    expect(r.lastFrame()).toContain('❯ default');
    expect(r.lastFrame()).toMatch(/ dev +eu-west-1 · SSO acme\.awsapps\.com/);
    await type(r, 'dev');
    await press(r, KEY.enter, 'Which region?');
    // The profile's region is preselected.
    expect(await waitForText(r, '❯ eu-west-1')).toContain('Europe (Ireland)');
    await type(r, 'frank');
    await press(r, KEY.enter, 'Table name?');
    expect(r.lastFrame()).toContain('› sentinel-requests');
    // Tags: the tool's two are listed; one of ours is added, then Enter on an empty line continues.
    const tags = await press(r, KEY.enter, 'Tags?');
    expect(tags).toContain('managed-by=sentinel-init');
    expect(tags).toContain('sentinel:table-kind=approvals');
    await type(r, 'team');
    await press(r, KEY.enter, 'has no "="');
    await type(r, '=platform');
    await press(r, KEY.enter, '  team=platform');
    await press(r, KEY.enter, 'Plan');
    const plan = await waitForText(r, 'Account 123456789012');
    expect(plan).toContain('+ table sentinel-requests');
    expect(plan).toContain('index gsi-requester');
    expect(calls.checks[0]).toMatchObject({ kind: 'approvals', profile: 'dev', region: 'eu-central-1', table: 'sentinel-requests', tags: [{ key: 'team', value: 'platform' }] });
    await press(r, KEY.enter, 'IAM policy for this table');
    expect(r.lastFrame()).toContain('arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests');
    await press(r, KEY.enter, '[y/N]');
    expect(r.lastFrame()).toContain('Create table sentinel-requests in eu-central-1 (account 123456789012)?');
    await press(r, 'y');
    expect(await exited(exit, r)).toBe(0);
    const done = await waitForText(r, 'Lambda TVM         SENTINEL_APPROVAL_TABLE=sentinel-requests');
    expect(done).toContain('sentinel CLI       --request-table sentinel-requests  (request, list, check, approve, deny)');
    expect(done).not.toContain('SENTINEL_REQUEST_TABLE');
    expect(done).toContain('✓ Created table sentinel-requests in eu-central-1');
    expect(done).toContain('arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests');
    expect(done).toContain('Next time, without questions:');
    // The command line is printed after the last frame, unwrapped, so it copies whole.
    expect(exit.after).toBe('    sentinel-init approvals --aws-profile dev --region eu-central-1 --table sentinel-requests --tag team=platform --yes');
    expect(calls.applies).toBe(1);
  });

  it('opens on the plan when --aws-profile, --region and --table are given, and Enter at the confirm declines', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, '+ table tbl');
    expect(r.lastFrame()).not.toContain('Esc back');
    await press(r, KEY.enter, 'IAM policy');
    await press(r, KEY.enter, '[y/N]');
    await press(r, KEY.esc, 'IAM policy');
    await press(r, KEY.enter, '[y/N]');
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    expect(await waitForText(r, 'Declined: nothing was created.')).toBeTruthy();
    expect(calls.applies).toBe(0);
  });

  it('Ctrl-C before apply exits 130 and says nothing was created', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options(), services);
    await waitForText(r, 'Which table?');
    await press(r, KEY.enter, 'Which AWS profile?');
    await press(r, KEY.ctrlC);
    expect(await exited(exit, r)).toBe(130);
    expect(await waitForText(r, 'Interrupted: nothing was created.')).toBeTruthy();
    expect(exit.after).toBeUndefined();
    expect(calls.applies).toBe(0);
  });

  it('Ctrl-C during apply aborts the calls in flight, says what exists, exit 130', async () => {
    let signal: AbortSignal | undefined;
    const { services } = fakeServices({
      apply: (checked, onProgress, s) => {
        signal = s;
        onProgress({ type: 'step', id: 'create', label: 'Create table tbl' });
        onProgress({ type: 'done', id: 'create', elapsedMs: 300 });
        onProgress({ type: 'step', id: 'wait', label: 'Wait for indexes' });
        onProgress({ type: 'waiting', id: 'wait', status: 'CREATING', elapsedMs: 1000 });
        return new Promise((_, reject) => s.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, '+ table tbl');
    await press(r, KEY.enter, 'IAM policy');
    await press(r, KEY.enter, '[y/N]');
    await press(r, 'y', 'CREATING');
    expect(r.lastFrame()).toContain('✓ Create table tbl');
    await press(r, KEY.ctrlC);
    expect(await exited(exit, r)).toBe(130);
    expect(signal?.aborted).toBe(true);
    const end = await waitForText(r, 'Run it again to finish');
    expect(end).toContain('Done so far: Create table tbl.');
    expect(end).toContain('Still in progress');
    expect(exit.after).toBe('  sentinel-init sessions --aws-profile dev --region eu-west-1 --table tbl --yes');
  });

  it('a failed check shows what went wrong, Esc goes back to choose differently, nothing dies', async () => {
    let fail = true;
    const { services } = fakeServices({
      check: async (opts) => {
        if (fail) throw new Error('The SSO session for profile dev has expired. Run aws sso login --profile dev.');
        return { plan: (await fakeServices().services.check(opts, async () => '', new AbortController().signal)).plan };
      },
    });
    const { r } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    const failed = await waitForText(r, 'The check failed');
    expect(failed).toContain('aws sso login --profile dev');
    await press(r, KEY.esc, 'Table name?');
    await press(r, KEY.esc, 'Which region?');
    await press(r, KEY.esc, 'Which AWS profile?');
    fail = false;
    await type(r, 'prod');
    await press(r, KEY.enter, 'Which region?');
    await press(r, KEY.enter, 'Table name?');
    await press(r, KEY.enter, 'Plan');
    expect(await waitForText(r, 'Identity not checked')).toContain('+ table tbl');
  });

  it('a key sent as soon as a screen shows reaches it, not the screen just left: Enter, Enter on a failed check retries', async () => {
    let checks = 0;
    const { services } = fakeServices({
      check: async (opts) => {
        if (++checks === 1) throw new Error('AWS refused the MFA code for profile dev.');
        return { plan: (await fakeServices().services.check(opts, async () => '', new AbortController().signal)).plan };
      },
    });
    const { r } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, 'The check failed');
    // The second Enter goes in the task after the frame that shows the name, before React's passive
    // effects run: the moment a person (or tmux) sees the screen and answers.
    const write = r.stdout.write.bind(r.stdout);
    let sent = false;
    r.stdout.write = (frame: string) => {
      write(frame);
      if (!sent && frame.includes('Table name?')) {
        sent = true;
        setImmediate(() => r.stdin.write(KEY.enter));
      }
    };
    await press(r, KEY.enter);
    expect(await waitForText(r, '+ table tbl')).not.toContain('Which region?');
    expect(checks).toBe(2);
  });

  it('an up-to-date table skips the confirm and finishes with exit 0', async () => {
    const { services, calls } = fakeServices({}, 'none');
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    expect(await waitForText(r, 'Nothing to do')).toContain('✓ table tbl');
    await press(r, KEY.enter, 'Enter finish');
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    const done = await waitForText(r, 'Already up to date: table tbl');
    expect(done).toContain('Lambda TVM         SENTINEL_SESSION_TABLE=tbl');
    expect(done).toContain('Lambda authorizer  SENTINEL_SESSION_TABLE=tbl');
    expect(done).toContain('sentinel CLI       --table tbl');
    expect(calls.applies).toBe(0);
  });

  it('asks for an MFA code, masked, and hands it to the credential provider', async () => {
    let code: string | undefined;
    const { services } = fakeServices({
      check: async (opts, mfa) => {
        code = await mfa('arn:aws:iam::123456789012:mfa/alice');
        return fakeServices().services.check(opts, mfa, new AbortController().signal);
      },
    });
    const { r } = start(options({ kindGiven: true, profile: 'prod-admin', region: 'us-west-2', table: 'tbl' }), services);
    await waitForText(r, 'MFA code for arn:aws:iam::123456789012:mfa/alice');
    await type(r, '12');
    await press(r, KEY.enter, 'MFA code must be');
    await type(r, '3456');
    expect(r.lastFrame()).toContain('••••••');
    expect(r.lastFrame()).not.toContain('› 123456');
    await press(r, KEY.enter, 'Plan');
    expect(code).toBe('123456');
  });
});
