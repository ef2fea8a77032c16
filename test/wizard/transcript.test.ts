/**
 * The record a wizard run leaves in the scrollback: after Ctrl-C only the answers the person gave and a
 * command only once it can be complete; after an apply stopped by Ctrl-C or a failure, what exists now,
 * what AWS is still doing and how to finish; and the summary of what was asked and planned.
 */
import { describe, expect, it } from 'vitest';
import { initialState, transition, type Step, type WizardEvent, type WizardState } from '../../src/wizard/steps.js';
import { transcript } from '../../src/wizard/transcript.js';
import { fakePlan, options } from './fixtures.js';
import type { Plan, ProgressEvent } from '../../src/engine/types.js';
import { initialTables, reduceTables, type TableEvent } from '../../src/service/table-states.js';

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(transition, state);
const COMMAND = 'sentinel-init sessions --region eu-west-1 --table t --yes';
const text = (state: WizardState) => transcript(state, options(), COMMAND);

describe('transcript after Ctrl-C', () => {
  it('on the first question: nothing of the run, only that nothing was created', () => {
    expect(text(run(initialState(options()), { type: 'interrupt' }))).toEqual(['', 'Interrupted: nothing was created.']);
  });

  it('on the profile question: the kind chosen, no default profile or table claimed, no command without a region', () => {
    const lines = text(run(initialState(options()), { type: 'kind', kind: 'approvals' }, { type: 'interrupt' }));
    expect(lines).toContain('  kind      approvals');
    expect(lines.some((l) => l.startsWith('  profile'))).toBe(false);
    expect(lines.some((l) => l.startsWith('  table'))).toBe(false);
    expect(lines.join('\n')).not.toContain('sentinel-init approvals');
    expect(lines.at(-1)).toBe('Interrupted: nothing was created.');
  });

  it('at the confirm: every answer, the plan, and the command for later', () => {
    const atConfirm = run(
      initialState(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 't' })),
      { type: 'checked', checked: { plans: [fakePlan('create', { table: 't' })] } },
      { type: 'next' },
      { type: 'next' },
      { type: 'interrupt' },
    );
    const lines = text(atConfirm);
    expect(lines).toEqual(expect.arrayContaining(['  kind      sessions', '  profile   dev', '  region    eu-west-1', '  table     t', '  plan      t: create with 4 indexes']));
    expect(lines.slice(-3)).toEqual(['Interrupted: nothing was created.', 'To do it later, without questions:', `  ${COMMAND}`]);
  });
});

const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', partition: 'aws' };

function state(step: Step, over: Partial<WizardState> = {}): WizardState {
  const base = initialState(options());
  return { ...base, step, answers: { ...base.answers, kind: 'sessions', region: 'eu-west-1' }, checked: { plans: [fakePlan('create')], identity }, ...over };
}
/** The lines after the summary block (which ends at the first empty line after the header). */
const ending = (lines: string[]) => lines.slice(lines.indexOf('', 1) + 1);

/** Where applyPlans left each table after these events (the same reducer the run uses). */
function tablesAfter(plans: Plan[], events: TableEvent[]) {
  return events.reduce(reduceTables, initialTables(plans));
}
const progress = (table: string, event: ProgressEvent): TableEvent => ({ type: 'progress', table, event });
const step = (table: string, id: string, label: string) => progress(table, { type: 'step', id, label });
const sent = (table: string, id: string, operation: string) => progress(table, { type: 'sent', id, operation });
const done = (table: string, id: string) => progress(table, { type: 'done', id, elapsedMs: 10 });

/** One sessions table: created, then TTL's call sent and not yet answered. */
const ttlInFlight = [
  { type: 'started', table: 'sentinel-sessions' },
  step('sentinel-sessions', 'create-table', 'Create table sentinel-sessions'),
  sent('sentinel-sessions', 'create-table', 'CreateTable'),
  done('sentinel-sessions', 'create-table'),
  step('sentinel-sessions', 'ttl', 'Enable TTL on attribute ttl'),
  sent('sentinel-sessions', 'ttl', 'UpdateTimeToLive'),
] satisfies TableEvent[];

describe('an apply stopped by Ctrl-C', () => {
  it('says what was done, what AWS still does, and the command that finishes it', () => {
    const lines = transcript(state({ name: 'interrupted', during: 'apply', at: 'apply' }), options(), COMMAND, tablesAfter([fakePlan('create')], ttlInFlight));
    expect(ending(lines)).toEqual([
      'Interrupted: stopped waiting and cancelled the calls in flight.',
      'Done so far: Create table sentinel-sessions.',
      "Still in progress on AWS's side: Enable TTL on attribute ttl.",
      'Run it again to finish; it picks up where this stopped:',
      `  ${COMMAND}`,
    ]);
  });

  it('a create stopped while in flight: the table may exist already (DynamoDB finishes what it accepted)', () => {
    const tables = tablesAfter([fakePlan('create')], ttlInFlight.slice(0, 3));
    const lines = ending(transcript(state({ name: 'interrupted', during: 'apply', at: 'apply' }), options(), COMMAND, tables));
    expect(lines[1]).toBe('Table sentinel-sessions may exist already: DynamoDB finishes a creation it has accepted.');
  });

  it('an update in flight: the table is as it was but for what is in progress; a step started but not sent is not in progress', () => {
    const updating = state({ name: 'interrupted', during: 'apply', at: 'apply' }, { checked: { plans: [fakePlan('update')] } });
    const started = [{ type: 'started', table: 'sentinel-sessions' }, step('sentinel-sessions', 'index:gsi-server-instance', 'Add index gsi-server-instance')] satisfies TableEvent[];
    const inFlight = tablesAfter([fakePlan('update')], [...started, sent('sentinel-sessions', 'index:gsi-server-instance', 'UpdateTable')]);
    expect(ending(transcript(updating, options(), COMMAND, inFlight)).slice(1, 3)).toEqual([
      'Table sentinel-sessions is as it was, apart from what is still in progress.',
      "Still in progress on AWS's side: Add index gsi-server-instance.",
    ]);
    // Waiting for the table to settle before UpdateTable: nothing went out.
    const waiting = ending(transcript(updating, options(), COMMAND, tablesAfter([fakePlan('update')], started)));
    expect(waiting.slice(1, 3)).toEqual(['Nothing was changed.', 'Run it again to finish; it picks up where this stopped:']);
  });

  it('all: each table named — done, what is in progress (only calls sent), not started', () => {
    const plans = [fakePlan('create'), fakePlan('create', { kind: 'approvals' }), fakePlan('create', { kind: 'breakglass' }), fakePlan('create', { kind: 'ratelimit' })];
    const events = [
      { type: 'started', table: 'sentinel-sessions' },
      { type: 'finished', result: { kind: 'sessions', table: 'sentinel-sessions', region: 'eu-west-1', status: 'created', tableArn: 'arn:s' } },
      { type: 'started', table: 'sentinel-requests' },
      step('sentinel-requests', 'create-table', 'Create table sentinel-requests with 3 indexes'),
      sent('sentinel-requests', 'create-table', 'CreateTable'),
      done('sentinel-requests', 'create-table'),
      step('sentinel-requests', 'ttl', 'Enable TTL on attribute ttl'),
      sent('sentinel-requests', 'ttl', 'UpdateTimeToLive'),
      // Started, waiting for the table before its call: not in progress on AWS's side.
      step('sentinel-requests', 'pitr', 'Turn on point-in-time recovery'),
    ] satisfies TableEvent[];
    const s = state({ name: 'interrupted', during: 'apply', at: 'apply' }, { answers: { kind: 'all', region: 'eu-west-1', tags: [] }, checked: { plans, identity } });
    expect(ending(transcript(s, options(), COMMAND, tablesAfter(plans, events)))).toEqual([
      'Interrupted: stopped waiting and cancelled the calls in flight.',
      'sentinel-sessions: created.',
      "sentinel-requests: done so far: Create table sentinel-requests with 3 indexes. Still in progress on AWS's side: Enable TTL on attribute ttl.",
      'Not started: sentinel-breakglass, sentinel-ratelimit.',
      'Run it again to finish; it picks up where this stopped:',
      `  ${COMMAND}`,
    ]);
  });

  it('before the apply: nothing was created, and the command for later', () => {
    expect(ending(transcript(state({ name: 'interrupted', during: 'setup', at: 'confirm' }), options(), COMMAND))).toEqual([
      'Interrupted: nothing was created.',
      'To do it later, without questions:',
      `  ${COMMAND}`,
    ]);
  });

  it('an apply that failed: the error first, then the same account of what exists', () => {
    const failed = [...ttlInFlight, { type: 'stopped', table: 'sentinel-sessions', message: 'AccessDenied on UpdateTimeToLive', interrupted: false }] satisfies TableEvent[];
    const lines = ending(transcript(state({ name: 'apply-failed', message: 'AccessDenied on UpdateTimeToLive' }), options(), COMMAND, tablesAfter([fakePlan('create')], failed)));
    expect(lines).toEqual(['✗ AccessDenied on UpdateTimeToLive', 'Done so far: Create table sentinel-sessions.', 'Run it again to finish; it picks up where this stopped:', `  ${COMMAND}`]);
  });

  it('a failure on the first change claims nothing: its own sentence (read back) says what exists', () => {
    const failed = [...ttlInFlight.slice(0, 3), { type: 'stopped', table: 'sentinel-sessions', message: 'Garbled. Now, as DynamoDB reports it: table sentinel-sessions ACTIVE.', interrupted: false }] satisfies TableEvent[];
    const lines = ending(transcript(state({ name: 'apply-failed', message: 'Garbled. Now, as DynamoDB reports it: table sentinel-sessions ACTIVE.' }), options(), COMMAND, tablesAfter([fakePlan('create')], failed)));
    expect(lines).not.toContain('Nothing was changed.');
    expect(lines[0]).toBe('✗ Garbled. Now, as DynamoDB reports it: table sentinel-sessions ACTIVE.');
  });
});

describe('the summary of the run', () => {
  it('names the answers, the account, each plan in a line, and how to print the policy that was not saved', () => {
    const plans = [
      fakePlan('create'),
      fakePlan('none', { kind: 'approvals' }),
      fakePlan('update', { kind: 'breakglass', changes: [{ op: 'enable-ttl', target: 'ttl', attribute: 'ttl' }] }),
      fakePlan('update', { kind: 'ratelimit' }),
      { ...fakePlan('create', { kind: 'sessions', table: 'offline' }), compared: false, reason: 'no credentials' },
    ];
    const s = state({ name: 'declined' }, { answers: { kind: 'all', region: 'eu-west-1', tags: [{ key: 'team', value: 'platform' }] }, checked: { plans, identity } });
    const lines = transcript(s, options(), COMMAND);
    expect(lines.slice(0, lines.indexOf('', 1))).toEqual([
      '',
      'sentinel-init: the run',
      '  kind      all',
      '  profile   (default credential chain)',
      '  region    eu-west-1',
      '  tables    sentinel-sessions, sentinel-requests, sentinel-breakglass, sentinel-ratelimit',
      '  tags      team=platform',
      '  account   123456789012 as arn:aws:iam::123456789012:user/alice',
      '  plan      sentinel-sessions: create with 4 indexes',
      '  plan      sentinel-requests: up to date',
      '  plan      sentinel-breakglass: 1 change (ttl)',
      '  plan      sentinel-ratelimit: 3 changes (gsi-server-instance, ttl, deletion-protection)',
      '  plan      offline: not compared (no credentials)',
      '  policies  not saved; to print both: sentinel-init all --generate-iam --region eu-west-1 --account-id 123456789012',
    ]);
  });

  it('one table: the policy command names it; a saved policy says where and how to attach it', () => {
    const lines = transcript(state({ name: 'declined' }), options(), COMMAND);
    expect(lines).toContain('  table     sentinel-sessions');
    expect(lines).toContain('  policies  not saved; to print both: sentinel-init sessions --generate-iam --region eu-west-1 --table sentinel-sessions --account-id 123456789012');
    const saved = transcript(state({ name: 'declined' }, { policySaved: { provisioning: './p policy.json', runtime: './r.json' } }), options(), COMMAND);
    const at = saved.indexOf('  policies  provisioning saved to ./p policy.json');
    expect(saved.slice(at, at + 4)).toEqual([
      '  policies  provisioning saved to ./p policy.json',
      "            for whoever runs sentinel-init, e.g.: aws iam put-role-policy --role-name ROLE --policy-name sentinel-init --policy-document 'file://./p policy.json'",
      '            runtime saved to ./r.json',
      "            for Sentinel's Lambda TVM role and its CLI users, e.g.: aws iam put-role-policy --role-name SENTINEL_ROLE --policy-name sentinel-runtime --policy-document file://./r.json",
    ]);
  });

  it("the attach command uses the run's profile; a --local demo's profile exists only in the demo, so it is left out", () => {
    const withProfile = (local: boolean) => transcript(state({ name: 'declined' }, { policySaved: { provisioning: './p.json', runtime: './r.json' }, answers: { kind: 'sessions', profile: 'dev', region: 'eu-west-1', tags: [] } }), options({ local }), COMMAND);
    for (const file of ['./p.json', './r.json']) {
      expect(withProfile(false).some((l) => l.endsWith(`--policy-document file://${file} --profile dev`))).toBe(true);
      expect(withProfile(true).some((l) => l.endsWith(`--policy-document file://${file}`))).toBe(true);
    }
  });

  it('stopped before the check: nothing planned, no policy line', () => {
    const base = initialState(options());
    const lines = transcript({ ...base, step: { name: 'interrupted', during: 'setup', at: 'table' } }, options(), COMMAND);
    expect(lines.some((l) => l.startsWith('  plan') || l.startsWith('  polic') || l.startsWith('  account'))).toBe(false);
  });
});
