import { describe, expect, it } from 'vitest';
import { exitCodeOf, initialState, transition, type WizardEvent, type WizardState } from '../../src/wizard/steps.js';
import type { VerifyReport } from '../../src/verify/types.js';
import { fakePlan, options } from './fixtures.js';

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(transition, state);
const checked = (action: 'create' | 'update' | 'none' = 'create'): WizardEvent => ({ type: 'checked', checked: { plans: [fakePlan(action)] } });

describe('wizard steps', () => {
  it('asks every question in order when no flag is given', () => {
    const s = initialState(options());
    expect(s.step.name).toBe('kind');
    const names = [
      s,
      run(s, { type: 'kind', kind: 'approvals' }),
      run(s, { type: 'kind', kind: 'approvals' }, { type: 'profile', profile: 'dev' }),
      run(s, { type: 'kind', kind: 'approvals' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' }),
      run(s, { type: 'kind', kind: 'approvals' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' }, { type: 'table', table: 't1' }),
      run(s, { type: 'kind', kind: 'approvals' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' }, { type: 'table', table: 't1' }, { type: 'tag-enter', text: '' }),
    ].map((x) => x.step.name);
    expect(names).toEqual(['kind', 'profile', 'region', 'table', 'tags', 'check']);
  });

  it('skips the steps whose answers came as flags and opens on the check with all three', () => {
    expect(initialState(options({ kindGiven: true })).step.name).toBe('profile');
    expect(initialState(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile' })).step.name).toBe('region');
    const all = initialState(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 't' }));
    expect(all.step.name).toBe('check');
    expect(run(all, checked()).step.name).toBe('plan');
    // The plan is the first screen then: Esc has nowhere to go.
    expect(run(all, checked(), { type: 'back' }).step.name).toBe('plan');
  });

  it('the local demo asks only what changes the result: the kind and the table name (its profile, region and tags are its own)', () => {
    // As startDemo hands them over: the demo's profile (as AWS_PROFILE) and its region.
    const demo = options({ local: true, profile: 'sentinel-demo', profileSource: 'AWS_PROFILE', region: 'us-east-1' });
    const s = initialState(demo);
    expect(s.step.name).toBe('kind');
    const named = run(s, { type: 'kind', kind: 'approvals' });
    expect(named.step.name).toBe('table');
    expect(named.answers).toMatchObject({ profile: 'sentinel-demo', region: 'us-east-1' });
    expect(run(named, { type: 'table', table: 't1' }).step.name).toBe('check');
    // Esc from the table name goes back to the kind, past the steps the demo answers itself.
    expect(run(named, { type: 'back' }).step.name).toBe('kind');
  });

  it('treats AWS_PROFILE as a preselection, not an answer', () => {
    const s = initialState(options({ kindGiven: true, profile: 'dev', profileSource: 'AWS_PROFILE' }));
    expect(s.step.name).toBe('profile');
    expect(s.answers.profile).toBe('dev');
  });

  it('goes back one asked step at a time, skipping given ones', () => {
    const s = initialState(options({ region: 'eu-west-1' }));
    const atTable = run(s, { type: 'kind', kind: 'sessions' }, { type: 'profile', profile: 'dev' });
    expect(atTable.step.name).toBe('table');
    expect(run(atTable, { type: 'back' }).step.name).toBe('profile');
    expect(run(atTable, { type: 'back' }, { type: 'back' }).step.name).toBe('kind');
    expect(run(atTable, { type: 'back' }, { type: 'back' }, { type: 'back' }).step.name).toBe('kind');
  });

  it('walks plan, IAM, confirm and back again', () => {
    const s = run(initialState(options({ kindGiven: true, table: 't' })), { type: 'profile' }, { type: 'region', region: 'us-east-1' });
    expect(s.step.name).toBe('check');
    expect(s.answers.profile).toBeUndefined();
    const atConfirm = run(s, checked(), { type: 'next' }, { type: 'next' });
    expect(atConfirm.step.name).toBe('confirm');
    expect(run(atConfirm, { type: 'back' }).step.name).toBe('iam');
    expect(run(atConfirm, { type: 'back' }, { type: 'back' }).step.name).toBe('plan');
    expect(run(atConfirm, { type: 'back' }, { type: 'back' }, { type: 'back' }).step.name).toBe('region');
  });

  it('ends with exit 0 on no, and on yes once the done screen is left with Enter', () => {
    const atConfirm = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked(), { type: 'next' }, { type: 'next' });
    const declined = run(atConfirm, { type: 'decline' });
    expect(declined.step.name).toBe('declined');
    expect(exitCodeOf(declined)).toBe(0);
    const applying = run(atConfirm, { type: 'confirm' });
    expect(applying.step.name).toBe('apply');
    expect(exitCodeOf(applying)).toBeUndefined();
    const results = [{ kind: 'sessions', table: 't', region: 'r', status: 'created', tableArn: 'arn' } as const];
    const done = run(applying, { type: 'applied', results });
    expect(done.step).toEqual({ name: 'done', results });
    // The done screen stays (verify is offered) until Enter.
    expect(exitCodeOf(done)).toBeUndefined();
    expect(exitCodeOf(run(done, { type: 'finish' }))).toBe(0);
    expect(exitCodeOf(run(applying, { type: 'apply-failed', message: 'boom' }))).toBe(1);
  });

  it('done screen: verify runs once at a time, a failed pattern makes the exit 1, Enter waits for a running verify', () => {
    const applying = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked(), { type: 'next' }, { type: 'next' }, { type: 'confirm' });
    const done = run(applying, { type: 'applied', results: [{ kind: 'sessions', table: 't', region: 'r', status: 'created', tableArn: 'arn' }] });
    const verifying = run(done, { type: 'verify-start' });
    expect(verifying.verify).toEqual({ running: true, reports: [] });
    expect(run(verifying, { type: 'verify-start' })).toBe(verifying);
    expect(run(verifying, { type: 'finish' }).finished).toBe(false);
    const report: VerifyReport = { kind: 'sessions', table: 't', region: 'r', passed: false, checks: [], probesLeft: [] };
    const failed = run(verifying, { type: 'verify-done', reports: [report] }, { type: 'finish' });
    expect(exitCodeOf(failed)).toBe(1);
    const passed = run(verifying, { type: 'verify-done', reports: [{ ...report, passed: true }] }, { type: 'finish' });
    expect(exitCodeOf(passed)).toBe(0);
    expect(exitCodeOf(run(verifying, { type: 'verify-failed', message: 'no access' }, { type: 'finish' }))).toBe(1);
    // Ctrl-C during verify: it stops and removes its probe items first; the run ends 130 once it says
    // what became of them (verify-stopped), or at once on a second Ctrl-C, naming what may be left.
    const stopping = run(verifying, { type: 'interrupt' });
    expect(stopping.verify).toEqual({ running: true, reports: [], stopping: true });
    expect(exitCodeOf(stopping)).toBeUndefined();
    const stopped = run(stopping, { type: 'verify-stopped', message: 'Stopped while verifying table t. No probe item is left in it.' });
    expect(stopped.verify?.error).toBe('Stopped while verifying table t. No probe item is left in it.');
    expect(exitCodeOf(stopped)).toBe(130);
    const again = run(stopping, { type: 'interrupt', leaving: 'Probe items not removed from table t: p; `c` removes them.' });
    expect(again.verify?.error).toBe('Stopped again while removing the probe items. Probe items not removed from table t: p; `c` removes them.');
    expect(exitCodeOf(again)).toBe(130);
  });

  it('done screen: Esc stops a running verify (its probe items removed) and the done screen stays; Ctrl-C after Esc still ends the run once they are', () => {
    const applying = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked(), { type: 'next' }, { type: 'next' }, { type: 'confirm' });
    const verifying = run(applying, { type: 'applied', results: [{ kind: 'sessions', table: 't', region: 'r', status: 'created', tableArn: 'arn' }] }, { type: 'verify-start' });
    const cancelling = run(verifying, { type: 'verify-cancel' });
    expect(cancelling.verify).toEqual({ running: true, reports: [], stopping: true, cancelled: true });
    expect(run(cancelling, { type: 'verify-cancel' })).toBe(cancelling);
    const stopped = run(cancelling, { type: 'verify-stopped', message: 'Stopped while verifying table t. No probe item is left in it.' });
    expect(stopped.finished).toBe(false);
    expect(stopped.verify).toEqual({ running: false, reports: [], error: 'Stopped while verifying table t. No probe item is left in it.' });
    expect(exitCodeOf(stopped)).toBeUndefined();
    // Verify again works, and Enter then ends the run (1: the verify did not finish).
    expect(run(stopped, { type: 'verify-start' }).verify?.running).toBe(true);
    expect(exitCodeOf(run(stopped, { type: 'finish' }))).toBe(1);
    // A verify that finished before the stop reached a call keeps its reports and the run.
    const report: VerifyReport = { kind: 'sessions', table: 't', region: 'r', passed: true, checks: [], probesLeft: [] };
    expect(run(cancelling, { type: 'verify-done', reports: [report] }).finished).toBe(false);
    // Ctrl-C during the Esc's stop: the run ends 130 once the probe items are removed.
    const interrupted = run(cancelling, { type: 'interrupt' });
    expect(interrupted.verify).toEqual({ running: true, reports: [], stopping: true });
    expect(exitCodeOf(run(interrupted, { type: 'verify-stopped', message: 'm' }))).toBe(130);
    // Esc with no verify running changes nothing.
    expect(run(applying, { type: 'verify-cancel' })).toBe(applying);
  });

  it('finishes an up-to-date table without a confirm', () => {
    const s = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked('none'), { type: 'next' }, { type: 'next' });
    expect(s.step.name).toBe('done');
    expect(s.step.name === 'done' && s.step.results.map((r) => r.status)).toEqual(['unchanged']);
  });

  it('all: never asks a table name (each table keeps its default) and goes back from tags to region', () => {
    const s = initialState(options());
    const atTags = run(s, { type: 'kind', kind: 'all' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' });
    expect(atTags.step.name).toBe('tags');
    expect(atTags.answers.table).toBeUndefined();
    expect(run(atTags, { type: 'back' }).step.name).toBe('region');
  });

  it('interrupts with 130, remembering whether apply had started', () => {
    const s = initialState(options());
    const early = run(s, { type: 'interrupt' });
    expect(early.step).toEqual({ name: 'interrupted', during: 'setup', at: 'kind' });
    expect(exitCodeOf(early)).toBe(130);
    const applying = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked(), { type: 'next' }, { type: 'next' }, { type: 'confirm' });
    expect(run(applying, { type: 'interrupt' }).step).toEqual({ name: 'interrupted', during: 'apply', at: 'apply' });
    // Once finished, a late Ctrl-C changes nothing.
    const declined = run(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })), checked(), { type: 'next' }, { type: 'next' }, { type: 'decline' });
    expect(run(declined, { type: 'interrupt' }).step.name).toBe('declined');
  });

  it('after a failed check, lets Esc walk back to steps that were given as flags', () => {
    const s = initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' }));
    const failed = run(s, { type: 'check-failed', message: 'The security token is expired.' });
    expect(failed.step).toEqual({ name: 'check-failed', message: 'The security token is expired.' });
    const back1 = run(failed, { type: 'back' });
    expect(back1.step.name).toBe('table');
    expect(back1.answers.table).toBe('t');
    expect(run(back1, { type: 'back' }, { type: 'back' }).step.name).toBe('profile');
    // The kind was a positional argument, not a guess about AWS: it stays skipped.
    expect(run(back1, { type: 'back' }, { type: 'back' }, { type: 'back' }).step.name).toBe('profile');
  });

  it('forgets an old check when an answer changes and ignores events out of place', () => {
    const s = initialState(options({ kindGiven: true, profile: 'p', region: 'r' }));
    const atPlan = run(s, { type: 'table', table: 'a' }, { type: 'tag-enter', text: '' }, checked());
    expect(atPlan.checked).toBeDefined();
    // Back from the plan is the tags step (asked after the name), then the name.
    const again = run(atPlan, { type: 'back' }, { type: 'back' }, { type: 'table', table: 'b' });
    expect(again.checked).toBeUndefined();
    expect(again.answers.table).toBe('b');
    expect(run(atPlan, { type: 'confirm' })).toBe(atPlan);
    expect(run(atPlan, { type: 'region', region: 'x' })).toBe(atPlan);
  });

  it('tags step: pre-filled with nothing of the user, adds key=value lines, refuses bad ones with the reason, Enter on empty continues', () => {
    const s = initialState(options({ kindGiven: true, profile: 'p', region: 'r' }));
    const atTags = run(s, { type: 'table', table: 't' });
    expect(atTags.step.name).toBe('tags');
    expect(atTags.answers.tags).toEqual([]);
    const refused = run(atTags, { type: 'tag-enter', text: 'owner@example' });
    expect(refused.step.name).toBe('tags');
    expect(refused.tagError).toMatch(/has no "="/);
    const bad = run(atTags, { type: 'tag-enter', text: 'owner=a@b' });
    expect(bad.tagError).toMatch(/contains "@"/);
    expect(bad.answers.tags).toEqual([]);
    // Typing again clears the reason; the same key later replaces the value.
    expect(run(bad, { type: 'tag-draft', text: 'owner=a' }).tagError).toBeUndefined();
    const two = run(atTags, { type: 'tag-enter', text: 'team=platform' }, { type: 'tag-enter', text: 'cost-centre=42' }, { type: 'tag-enter', text: 'team=security' });
    expect(two.answers.tags).toEqual([{ key: 'cost-centre', value: '42' }, { key: 'team', value: 'security' }]);
    expect(two.tagDraft).toBe('');
    expect(run(two, { type: 'tag-enter', text: 'managed-by=me' }).tagError).toMatch(/set by sentinel-init itself/);
    expect(run(two, { type: 'tag-enter', text: '  ' }).step.name).toBe('check');
  });

  it('tags step is skipped when --tag or --table is given (a run naming its table by flag opens on the plan)', () => {
    expect(initialState(options({ kindGiven: true, profile: 'p', region: 'r', table: 't' })).step.name).toBe('check');
    const withTag = initialState(options({ kindGiven: true, profile: 'p', region: 'r', tags: [{ key: 'team', value: 'x' }] }));
    expect(run(withTag, { type: 'table', table: 't' }).step.name).toBe('check');
    expect(withTag.answers.tags).toEqual([{ key: 'team', value: 'x' }]);
  });
});
