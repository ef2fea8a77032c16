/**
 * Values the wizard derives from an answer follow that answer: when a person goes back and changes
 * it, the region list's preselect, the region the check (STS, DynamoDB) goes to, the table name per
 * kind, the tool's tags shown per kind and the check's result are derived again. Only values that
 * came as flags stay.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realServices } from '../../src/wizard/real-services.js';
import { initialState, transition, type WizardEvent, type WizardState } from '../../src/wizard/steps.js';
import { checkOptions, regionPreselect, tableName, toolTagsShown } from '../../src/wizard/view-model.js';
import { isolateAws, type AwsEnv } from '../aws/aws-env.js';
import { fakePlan, options } from './fixtures.js';

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(transition, state);
const back: WizardEvent = { type: 'back' };

let aws: AwsEnv;
beforeEach(() => {
  aws = isolateAws();
  aws.writeConfig('[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile staging]\nregion = us-west-2\n');
});
afterEach(() => aws.restore());

/** The region the region list starts on for `state`, as the real services work it out from the config above. */
const preselected = (state: WizardState, env: NodeJS.ProcessEnv = {}) => regionPreselect(realServices(options(), env), state.answers);

describe('a changed profile derives the region again', () => {
  // Profile dev, its region accepted, then Esc, Esc back to the profiles.
  const atDevRegion = run(initialState(options({ kindGiven: true })), { type: 'profile', profile: 'dev' });
  const accepted = run(atDevRegion, { type: 'region', region: 'eu-west-1' });
  const backAtProfile = run(accepted, back, back);

  it('choosing staging preselects staging\'s region, not the region accepted for dev', async () => {
    expect(await preselected(atDevRegion)).toBe('eu-west-1');
    expect(backAtProfile.step.name).toBe('profile');
    const staging = run(backAtProfile, { type: 'profile', profile: 'staging' });
    expect(staging.step.name).toBe('region');
    expect(staging.answers.region).toBeUndefined();
    expect(await preselected(staging)).toBe('us-west-2');
  });

  it('the check goes to the region derived for the new profile (Enter on the preselect), never the old one', async () => {
    const staging = run(backAtProfile, { type: 'profile', profile: 'staging' });
    const region = await preselected(staging);
    const atCheck = run(staging, { type: 'region', region: region ?? '' }, { type: 'table', table: 't' }, { type: 'tag-enter', text: '' });
    expect(atCheck.step.name).toBe('check');
    expect(checkOptions(options(), atCheck.answers)).toMatchObject({ profile: 'staging', region: 'us-west-2' });
  });

  it('the same profile chosen again keeps the region the person chose for it', async () => {
    const chosen = run(atDevRegion, { type: 'region', region: 'eu-central-1' }, back, back, { type: 'profile', profile: 'dev' });
    expect(chosen.answers.region).toBe('eu-central-1');
    expect(await preselected(chosen)).toBe('eu-central-1');
  });

  it('the default credential chain after a named profile derives the default profile\'s region', async () => {
    const chain = run(backAtProfile, { type: 'profile', profile: undefined });
    expect(chain.answers.region).toBeUndefined();
    expect(await preselected(chain)).toBe('us-east-1');
  });

  it('AWS_REGION still comes before the profile\'s region once the old answer is gone', async () => {
    const staging = run(backAtProfile, { type: 'profile', profile: 'staging' });
    expect(await preselected(staging, { AWS_REGION: 'sa-east-1' })).toBe('sa-east-1');
  });

  it('--region stays: a flag is not derived from the profile', async () => {
    // The check failed, so the flags' steps are asked again; the person goes back to the profile.
    const flagged = initialState(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile', region: 'ap-south-1', table: 't' }));
    const atProfile = run(flagged, { type: 'check-failed', message: 'expired' }, back, back, back);
    expect(atProfile.step.name).toBe('profile');
    const staging = run(atProfile, { type: 'profile', profile: 'staging' });
    expect(staging.answers.region).toBe('ap-south-1');
    expect(await preselected(staging)).toBe('ap-south-1');
    // A region given by flag is not asked at all: changing the profile leaves it as it was.
    const skipped = run(initialState(options({ kindGiven: true, region: 'ap-south-1' })), { type: 'profile', profile: 'dev' }, back, { type: 'profile', profile: 'staging' });
    expect(skipped.step.name).toBe('table');
    expect(skipped.answers.region).toBe('ap-south-1');
  });

  it('the old check is forgotten', () => {
    const atPlan = run(initialState(options({ kindGiven: true, region: 'eu-west-1', table: 't' })), { type: 'profile', profile: 'dev' }, { type: 'checked', checked: { plans: [fakePlan('create')] } });
    expect(atPlan.checked).toBeDefined();
    expect(run(atPlan, back, { type: 'profile', profile: 'staging' }).checked).toBeUndefined();
  });
});

describe('a changed kind derives the table name and the tool\'s tags again', () => {
  const typed = run(initialState(options()), { type: 'kind', kind: 'sessions' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' }, { type: 'table', table: 'my-sessions' });
  const atKind = run(typed, back, back, back, back);

  it('another kind: its own default table name and its own kind tag, not the old kind\'s', () => {
    expect(atKind.step.name).toBe('kind');
    expect(tableName(typed.answers)).toBe('my-sessions');
    const approvals = run(atKind, { type: 'kind', kind: 'approvals' });
    expect(tableName(approvals.answers)).toBe('sentinel-requests');
    expect(toolTagsShown(approvals.answers)).toContainEqual({ key: 'sentinel:table-kind', value: 'approvals' });
    // The later answers not derived from the kind stay.
    expect(approvals.answers).toMatchObject({ profile: 'dev', region: 'eu-west-1' });
  });

  it('the same kind chosen again keeps the name the person typed', () => {
    expect(tableName(run(atKind, { type: 'kind', kind: 'sessions' }).answers)).toBe('my-sessions');
  });

  it('--table stays when the kind changes', () => {
    const flagged = run(initialState(options({ table: 'given' })), { type: 'kind', kind: 'sessions' }, { type: 'profile', profile: 'dev' }, { type: 'region', region: 'eu-west-1' });
    const changed = run(flagged, back, back, back, { type: 'kind', kind: 'ratelimit' });
    expect(tableName(changed.answers)).toBe('given');
    // Even after a failed check made the flag's step asked again.
    const failed = run(flagged, { type: 'check-failed', message: 'denied' }, back, back, back, back);
    expect(failed.step.name).toBe('kind');
    expect(tableName(run(failed, { type: 'kind', kind: 'ratelimit' }).answers)).toBe('given');
  });
});

describe('a changed answer forgets the policy saved for the old one', () => {
  const saved = { provisioning: './sentinel-sessions-provisioning-policy.json', runtime: './sentinel-sessions-runtime-policy.json' };
  const atIam = run(
    initialState(options({ kindGiven: true, table: 't' })),
    { type: 'profile', profile: 'dev' },
    { type: 'region', region: 'eu-west-1' },
    { type: 'checked', checked: { plans: [fakePlan('create', { table: 't' })] } },
    { type: 'next' },
    { type: 'policy-saved', paths: saved },
  );

  it('another region: the IAM screen and the transcript no longer say the policy (with the old ARNs) is saved', () => {
    expect(atIam.step.name).toBe('iam');
    const moved = run(atIam, back, back, { type: 'region', region: 'us-west-2' });
    expect(moved.policySaved).toBeUndefined();
  });

  it('the same answers again: the saved file still holds this policy', () => {
    const same = run(atIam, back, back, { type: 'region', region: 'eu-west-1' });
    expect(same.step.name).toBe('check');
    expect(same.policySaved).toEqual(saved);
  });
});
