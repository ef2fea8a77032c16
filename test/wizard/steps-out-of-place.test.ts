/**
 * Events that arrive where they do not belong change nothing: a check result landing after the
 * person pressed Esc, a key typed ahead for the next screen, an apply result after Ctrl-C. Each
 * would otherwise jump the wizard to a screen the person did not ask for.
 */
import { describe, expect, it } from 'vitest';
import { exitCodeOf, initialState, transition, type WizardEvent, type WizardState } from '../../src/wizard/steps.js';
import type { VerifyReport } from '../../src/verify/types.js';
import { fakePlan, options } from './fixtures.js';

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(transition, state);
const atKind = initialState(options());
const atCheck = initialState(options({ kindGiven: true, profile: 'dev', region: 'eu-west-1', table: 't' }));
const atPlan = run(atCheck, { type: 'checked', checked: { plans: [fakePlan('create')] } });
const atConfirm = run(atPlan, { type: 'next' }, { type: 'next' });
const result = { kind: 'sessions' as const, table: 't', region: 'eu-west-1', status: 'created' as const, tableArn: 'arn:t' };
const report = (passed: boolean): VerifyReport => ({ table: 't', kind: 'sessions', region: 'eu-west-1', passed, checks: [], probesLeft: [] });

describe('events out of place', () => {
  it.each<[string, WizardState, WizardEvent]>([
    ['a tag typed on the kind step', atKind, { type: 'tag-draft', text: 'team=x' }],
    ['Enter for a tag on the kind step', atKind, { type: 'tag-enter', text: 'team=x' }],
    ['a check result after Esc left the check', atKind, { type: 'checked', checked: { plans: [fakePlan('create')] } }],
    ['a check failure after Esc left the check', atKind, { type: 'check-failed', message: 'denied' }],
    ['"code only" before any code was saved', atConfirm, { type: 'code-only' }],
    ['"code only" away from the confirm', atPlan, { type: 'code-only' }],
    ['a yes away from the confirm', atPlan, { type: 'confirm' }],
    ['a no away from the confirm', atPlan, { type: 'decline' }],
    ['an apply result away from the apply', atConfirm, { type: 'applied', results: [result] }],
    ['an apply failure away from the apply', atConfirm, { type: 'apply-failed', message: 'x' }],
    ['verify away from the done screen', atConfirm, { type: 'verify-start' }],
    ['a verify result away from the done screen', atConfirm, { type: 'verify-done', reports: [report(true)] }],
    ['a verify failure away from the done screen', atConfirm, { type: 'verify-failed', message: 'x' }],
    ['Enter-to-finish away from the done screen', atConfirm, { type: 'finish' }],
    ['Next on an input step', atKind, { type: 'next' }],
  ])('%s: nothing changes', (_, state, event) => {
    expect(transition(state, event)).toBe(state);
  });

  it('a saved policy is remembered on any step (the save finishes after the screen may have moved on)', () => {
    const paths = { provisioning: './p.json', runtime: './r.json' };
    expect(transition(atConfirm, { type: 'policy-saved', paths }).policySaved).toEqual(paths);
  });
});

describe('the tags step', () => {
  it('takes 48 tags of the person\'s (the tool adds 2: DynamoDB\'s 50), and refuses the 49th, saying why', () => {
    let s = run(atKind, { type: 'kind', kind: 'sessions' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' }, { type: 'table', table: 't' });
    expect(s.step.name).toBe('tags');
    for (let i = 0; i < 48; i++) s = transition(s, { type: 'tag-enter', text: `k${i}=v` });
    expect(s.answers.tags).toHaveLength(48);
    expect(s.tagError).toBeUndefined();
    const refused = transition(s, { type: 'tag-enter', text: 'one=more' });
    expect(refused.answers.tags).toHaveLength(48);
    expect(refused.tagError).toBe("DynamoDB allows 50 tags on a table, the tool's 2 included.");
    expect(refused.tagDraft).toBe('one=more');
    // Replacing an existing key's value is not one more tag.
    expect(transition(s, { type: 'tag-enter', text: 'k0=changed' }).tagError).toBeUndefined();
  });
});

describe('after the policy and at the end', () => {
  it('any table to change asks first; tables all up to date finish as unchanged', () => {
    const mixed = run(atCheck, { type: 'checked', checked: { plans: [fakePlan('none'), fakePlan('create', { kind: 'approvals' })] } }, { type: 'next' }, { type: 'next' });
    expect(mixed.step.name).toBe('confirm');
    const none = run(atCheck, { type: 'checked', checked: { plans: [fakePlan('none'), fakePlan('none', { kind: 'approvals' })] } }, { type: 'next' }, { type: 'next' });
    expect(none.step).toMatchObject({ name: 'done', results: [{ status: 'unchanged' }, { status: 'unchanged' }] });
  });

  it('exit 1 when any one table\'s verify failed, even if another passed', () => {
    const done = run(atConfirm, { type: 'confirm' }, { type: 'applied', results: [result, result] });
    const verified = (reports: VerifyReport[]) => run(done, { type: 'verify-start' }, { type: 'verify-done', reports }, { type: 'finish' });
    expect(exitCodeOf(verified([report(true), report(false)]))).toBe(1);
    expect(exitCodeOf(verified([report(true), report(true)]))).toBe(0);
  });

  it('Ctrl-C on the done screen while verify runs: it stops, and its ending (reports or sentence) ends the run 130; after it, kept', () => {
    const done = run(atConfirm, { type: 'confirm' }, { type: 'applied', results: [result] });
    const stopping = run(done, { type: 'verify-start' }, { type: 'interrupt' });
    expect(stopping.finished).toBe(false);
    // Finished before the stop reached a call: the reports stand.
    expect(run(stopping, { type: 'verify-done', reports: [report(true)] })).toMatchObject({ finished: true, verify: { running: false, reports: [report(true)], stopped: true } });
    expect(exitCodeOf(run(stopping, { type: 'verify-done', reports: [report(true)] }))).toBe(130);
    // A late ending after the run finished changes nothing.
    const ended = run(stopping, { type: 'verify-stopped', message: 'm' });
    expect(transition(ended, { type: 'verify-stopped', message: 'other' })).toBe(ended);
    const after = run(done, { type: 'verify-start' }, { type: 'verify-done', reports: [report(true)] });
    expect(transition(after, { type: 'interrupt' })).toMatchObject({ finished: true, verify: { running: false, reports: [report(true)] } });
  });
});
