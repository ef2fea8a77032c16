// The whole wizard with hand-written fake services: what a person sees and the exit code they get.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import type { Options } from '../../src/service/options.js';
import type { Checked, WizardServices } from '../../src/wizard/services.js';
import type { ProgressEvent } from '../../src/engine/types.js';
import { initialTables, reduceTables, type TableEvent, type TableState } from '../../src/service/table-states.js';
import { fakePlan, fakeServices, options } from '../wizard/fixtures.js';
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

/**
 * Plays a run as applyPlans reports it: each table's state to `onTables`, and its progress to
 * `onProgress` (ids and step rows naming the table when there are several).
 */
function play(checked: Checked, onProgress: (e: ProgressEvent) => void, onTables: ((s: readonly TableState[]) => void) | undefined, events: TableEvent[]) {
  const many = checked.plans.length > 1;
  let states = initialTables(checked.plans);
  for (const e of events) {
    states = reduceTables(states, e);
    onTables?.(states);
    if (e.type === 'progress') onProgress(many ? { ...e.event, id: `${e.table}:${e.event.id}`, ...(e.event.type === 'step' && { table: e.table }) } : e.event);
  }
}
const step = (table: string, id: string, label: string): TableEvent => ({ type: 'progress', table, event: { type: 'step', id, label } });
const sent = (table: string, id: string, operation: string): TableEvent => ({ type: 'progress', table, event: { type: 'sent', id, operation } });
const done = (table: string, id: string): TableEvent => ({ type: 'progress', table, event: { type: 'done', id, elapsedMs: 300 } });

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
    await press(r, KEY.enter, 'IAM policies for this table');
    expect(r.lastFrame()).toContain('arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests');
    await press(r, KEY.enter, '[y/n]');
    expect(r.lastFrame()).toContain('Create table sentinel-requests in eu-central-1 (account 123456789012)?');
    await press(r, 'y');
    const done = await waitForText(r, 'Lambda TVM         SENTINEL_APPROVAL_TABLE=sentinel-requests');
    // 100 columns: the whole line (an 80-column terminal folds it: test/e2e/wizard-person.test.ts).
    expect(done).toContain('sentinel CLI       --request-table sentinel-requests  (request, list, check, approve, deny)');
    expect(done).not.toContain('SENTINEL_REQUEST_TABLE');
    expect(done).toContain('✓ Created table sentinel-requests in eu-central-1');
    expect(done).toContain('arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests');
    expect(done).toContain('Enter finish');
    // The done screen stays until Enter: nothing has exited yet.
    expect(exit.code).toBeUndefined();
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    // The last frame is empty; the transcript printed after it is the record, the command unwrapped so it copies whole.
    expect(r.lastFrame()?.trim()).toBe('');
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('  kind      approvals');
    expect(lines).toContain('  region    eu-central-1');
    expect(lines).toContain('  tags      team=platform');
    expect(lines).toContain('  plan      sentinel-requests: create with 3 indexes');
    expect(lines).toContain('  policies  not saved; to print both: sentinel-init approvals --generate-iam --region eu-central-1 --table sentinel-requests --account-id 123456789012');
    expect(lines).toContain('✓ Table sentinel-requests in eu-central-1: created. arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests');
    expect(lines).toContain('  Lambda TVM         SENTINEL_APPROVAL_TABLE=sentinel-requests');
    expect(lines).toContain('  sentinel CLI       --request-table sentinel-requests  (request, list, check, approve, deny)');
    expect(lines.at(-1)).toBe('  sentinel-init approvals --aws-profile dev --region eu-central-1 --table sentinel-requests --tag team=platform --yes');
    expect(calls.applies).toBe(1);
  });

  it('opens on the plan when --aws-profile, --region and --table are given; at the confirm Enter answers nothing, n declines', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, '+ table tbl');
    expect(r.lastFrame()).not.toContain('Esc back');
    const iam = await press(r, KEY.enter, 'IAM policies for this table');
    // Both policies, each under a heading with where it goes.
    expect(iam).toContain('Provisioning policy\nAttach it to whoever runs sentinel-init (a person or a pipeline role)');
    expect(iam).toContain("Runtime policy\nAttach it to Sentinel's Lambda TVM execution role and to the people who run Sentinel's CLI");
    const saved = await press(r, 's', 'Saved the policies to');
    expect(saved.replace(/\n/g, ' ')).toContain('Saved the policies to ./sentinel-sessions-provisioning-policy.json and ./sentinel-sessions-runtime-policy.json');
    expect(saved.split('\n').length).toBeLessThanOrEqual(30);
    expect(calls.saved).toEqual(['sessions']);
    await press(r, KEY.enter, '[y/n]');
    await press(r, KEY.esc, 'IAM policies');
    // Remembered when coming back.
    expect(r.lastFrame()?.replace(/\n/g, ' ')).toContain('Saved the policies to ./sentinel-sessions-provisioning-policy.json and ./sentinel-sessions-runtime-policy.json');
    await press(r, KEY.enter, '[y/n]');
    // Enter, as on every other screen: the run goes on, the question stays, and says what answers it.
    expect(await press(r, KEY.enter, 'Press y to apply or n to decline.')).toContain('Create table tbl in eu-west-1 (account 123456789012)? [y/n]');
    await press(r, KEY.enter);
    expect(exit.code).toBeUndefined();
    await press(r, 'n');
    expect(await exited(exit, r)).toBe(0);
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('  policies  provisioning saved to ./sentinel-sessions-provisioning-policy.json');
    expect(lines).toContain('            runtime saved to ./sentinel-sessions-runtime-policy.json');
    expect(lines).toContain('Declined: nothing was created or changed.');
    expect(lines.at(-1)).toBe('  sentinel-init sessions --aws-profile dev --region eu-west-1 --table tbl --yes');
    expect(calls.applies).toBe(0);
  });

  it('Ctrl-C before apply exits 130 and says nothing was created', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options(), services);
    await waitForText(r, 'Which table?');
    await press(r, KEY.enter, 'Which AWS profile?');
    await press(r, KEY.ctrlC);
    expect(await exited(exit, r)).toBe(130);
    expect(exit.after?.split('\n')).toContain('Interrupted: nothing was created.');
    expect(calls.applies).toBe(0);
  });

  it('Ctrl-C during apply aborts the calls in flight, says what exists, exit 130', async () => {
    let signal: AbortSignal | undefined;
    const { services } = fakeServices({
      apply: (checked, onProgress, s, onTables) => {
        signal = s;
        play(checked, onProgress, onTables, [
          { type: 'started', table: 'tbl' },
          step('tbl', 'create', 'Create table tbl'),
          sent('tbl', 'create', 'CreateTable'),
          done('tbl', 'create'),
          step('tbl', 'wait', 'Wait for indexes'),
          sent('tbl', 'wait', 'CreateTable'),
          { type: 'progress', table: 'tbl', event: { type: 'waiting', id: 'wait', status: 'CREATING', elapsedMs: 1000 } },
        ]);
        return new Promise((_, reject) => s.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, '+ table tbl');
    await press(r, KEY.enter, 'IAM policies');
    await press(r, KEY.enter, '[y/n]');
    await press(r, 'y', 'CREATING');
    expect(r.lastFrame()).toContain('✓ Create table tbl');
    await press(r, KEY.ctrlC);
    expect(await exited(exit, r)).toBe(130);
    expect(signal?.aborted).toBe(true);
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('Interrupted: stopped waiting and cancelled the calls in flight.');
    expect(lines).toContain('Done so far: Create table tbl.');
    expect(lines).toContain("Still in progress on AWS's side: Wait for indexes.");
    expect(lines.at(-1)).toBe('  sentinel-init sessions --aws-profile dev --region eu-west-1 --table tbl --yes');
  });

  it('all: each apply row names its table; after Ctrl-C the transcript says per table what is done, in progress (sent only), not started', async () => {
    const ttl = (table: string) => [step(table, 'ttl', 'Enable TTL on attribute ttl'), sent(table, 'ttl', 'UpdateTimeToLive')];
    const { services } = fakeServices({
      apply: (checked, onProgress, s, onTables) => {
        play(checked, onProgress, onTables, [
          { type: 'started', table: 'sentinel-sessions' },
          ...ttl('sentinel-sessions'),
          done('sentinel-sessions', 'ttl'),
          { type: 'finished', result: { kind: 'sessions', table: 'sentinel-sessions', region: 'eu-west-1', status: 'created', tableArn: 'arn:s' } },
          { type: 'started', table: 'sentinel-requests' },
          ...ttl('sentinel-requests'),
          done('sentinel-requests', 'ttl'),
          // Waits for the table before its call: started, never sent.
          step('sentinel-requests', 'pitr', 'Turn on point-in-time recovery'),
        ]);
        return new Promise((_, reject) => s.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const { r, exit } = start(options({ kind: 'all', kindGiven: true, profile: 'dev', region: 'eu-west-1' }), services);
    await press(r, KEY.enter, '+ table sentinel-sessions');
    await press(r, KEY.enter, 'IAM policies');
    await press(r, KEY.enter, '[y/n]');
    const frame = await press(r, 'y', 'point-in-time recovery');
    expect(frame).toContain('✓ sentinel-sessions: Enable TTL on attribute ttl');
    expect(frame).toContain('✓ sentinel-requests: Enable TTL on attribute ttl');
    expect(frame).toContain('sentinel-requests: Turn on point-in-time recovery');
    await press(r, KEY.ctrlC);
    expect(await exited(exit, r)).toBe(130);
    const lines = exit.after?.split('\n') ?? [];
    const from = lines.indexOf('Interrupted: stopped waiting and cancelled the calls in flight.');
    expect(lines.slice(from, from + 4)).toEqual([
      'Interrupted: stopped waiting and cancelled the calls in flight.',
      'sentinel-sessions: created.',
      'sentinel-requests: done so far: Enable TTL on attribute ttl.',
      'Not started: sentinel-breakglass, sentinel-ratelimit.',
    ]);
    expect(exit.after).not.toContain('point-in-time recovery');
  });

  it('a failed check shows what went wrong, Esc goes back to choose differently, nothing dies', async () => {
    let fail = true;
    const { services } = fakeServices({
      check: async (opts, kinds) => {
        if (fail) throw new Error('The SSO session for profile dev has expired. Run aws sso login --profile dev.');
        return fakeServices().services.check(opts, kinds, async () => '', new AbortController().signal);
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
    expect(await waitForText(r, '+ table tbl')).toContain('Plan');
  });

  it('a key sent as soon as a screen shows reaches it, not the screen just left: Enter, Enter on a failed check retries', async () => {
    let checks = 0;
    const { services } = fakeServices({
      check: async (opts, kinds) => {
        if (++checks === 1) throw new Error('AWS refused the MFA code for profile dev.');
        return fakeServices().services.check(opts, kinds, async () => '', new AbortController().signal);
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
    const done = await press(r, KEY.enter, 'Already up to date: table tbl');
    expect(done).toContain('Lambda TVM         SENTINEL_SESSION_TABLE=tbl');
    expect(done).toContain('Lambda authorizer  SENTINEL_SESSION_TABLE=tbl');
    expect(done).toContain('sentinel CLI       --table tbl');
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    expect(exit.after?.split('\n')).toContain('✓ Table tbl in eu-west-1: already up to date. arn:aws:dynamodb:eu-west-1:123456789012:table/tbl');
    expect(calls.applies).toBe(0);
  });

  it('asks for an MFA code, masked, and hands it to the credential provider', async () => {
    let code: string | undefined;
    const { services } = fakeServices({
      check: async (opts, kinds, mfa) => {
        code = await mfa('arn:aws:iam::123456789012:mfa/alice');
        return fakeServices().services.check(opts, kinds, mfa, new AbortController().signal);
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

  it('all: one pass for every table — one plan, one policy, one confirm, one apply, verify, one transcript', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options(), services);
    await waitForText(r, 'Which table?');
    expect(r.lastFrame()).toMatch(/all +the 4 tables below, each with its default name/);
    await type(r, 'all');
    await press(r, KEY.enter, 'Which AWS profile?');
    await type(r, 'dev');
    await press(r, KEY.enter, 'Which region?');
    await waitForText(r, '❯ eu-west-1');
    // No table name is asked: each table keeps its default name.
    await press(r, KEY.enter, 'Tags?');
    await press(r, KEY.enter, 'Plan');
    expect(calls.kinds[0]).toEqual(['sessions', 'approvals', 'breakglass', 'ratelimit']);
    const plan = await waitForText(r, '+ table sentinel-sessions');
    expect(plan).toContain('+ sentinel-requests    create with 3 indexes');
    await press(r, KEY.enter, 'IAM policies for these tables');
    expect(r.lastFrame()).toContain('"Sid": "Psessions"');
    await press(r, KEY.enter, '[y/n]');
    expect(r.lastFrame()?.replace(/\s+/g, ' ')).toContain('Create 4 tables (sentinel-sessions, sentinel-requests, sentinel-breakglass, sentinel-ratelimit) in eu-west-1 (account 123456789012)?');
    await press(r, 'y', 'Enter finish');
    const done = r.lastFrame() ?? '';
    for (const t of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']) expect(done).toContain(`✓ Created table ${t} in eu-west-1`);
    expect(calls.applies).toBe(1);
    await press(r, 'v', '✓ sentinel-ratelimit: All 1 patterns work.');
    expect(calls.verifies).toBe(1);
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('  tables    sentinel-sessions, sentinel-requests, sentinel-breakglass, sentinel-ratelimit');
    expect(lines.filter((l) => l.startsWith('✓ Table '))).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith("Sentinel's access patterns on "))).toHaveLength(4);
    expect(lines.at(-1)).toBe('  sentinel-init all --aws-profile dev --region eu-west-1 --yes');
  });

  it('a table that looks like another kind: the confirm warns, a single y does nothing, yes typed out applies', async () => {
    const { services, calls } = fakeServices({
      check: async (opts, kinds) => ({ plans: [fakePlan('update', { kind: kinds[0], table: opts.table, region: opts.region, lookalike: 'breakglass' })] }),
    });
    const { r } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, 'Plan');
    await press(r, KEY.enter, 'IAM policies');
    const confirm = await press(r, KEY.enter, 'Type yes to apply anyway');
    expect(confirm).toMatch(/tbl looks like a breakglass table/);
    await press(r, 'y');
    expect(r.lastFrame()).toContain('Type yes to apply anyway: y');
    await type(r, 'es');
    await press(r, KEY.enter, 'Enter finish');
    expect(calls.applies).toBe(1);
  });

  it('t and c save the code on the plan and done screens; the transcript says where', async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, 't/c save as Terraform/CloudFormation');
    await press(r, 't', '✓ Saved Terraform to ./sentinel-sessions.tf');
    expect(calls.code).toEqual([{ format: 'terraform', command: 'sentinel-init sessions --region eu-west-1 --table tbl --output terraform' }]);
    await press(r, KEY.enter, 'IAM policies');
    await press(r, KEY.enter, '[y/n]');
    await press(r, 'y', 'Enter finish');
    await press(r, 'c', '✓ Saved CloudFormation to ./sentinel-sessions.cfn.yaml');
    await press(r, KEY.enter);
    expect(await exited(exit, r)).toBe(0);
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('  code      Terraform saved to ./sentinel-sessions.tf');
    expect(lines).toContain('  code      CloudFormation saved to ./sentinel-sessions.cfn.yaml');
  });

  it("at the confirm, t or c: don't create, save the code instead; exit 0, nothing applied, the transcript says how to apply it", async () => {
    const { services, calls } = fakeServices();
    const { r, exit } = start(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 'tbl' }), services);
    await waitForText(r, 'Plan');
    await press(r, KEY.enter, 'IAM policies');
    const confirm = await press(r, KEY.enter, '[y/n]');
    expect(confirm).toContain("t/c don't create, save Terraform/CloudFormation instead");
    await press(r, 'c');
    expect(await exited(exit, r)).toBe(0);
    expect(calls.applies).toBe(0);
    const lines = exit.after?.split('\n') ?? [];
    expect(lines).toContain('  code      CloudFormation saved to ./sentinel-sessions.cfn.yaml');
    expect(lines).toContain('Nothing was created or changed: the code was saved instead (above).');
    expect(lines).toContain('To create them with it: aws cloudformation deploy --stack-name sentinel-sessions --template-file ./sentinel-sessions.cfn.yaml --capabilities CAPABILITY_IAM --region eu-west-1 --profile dev');
  });
});

