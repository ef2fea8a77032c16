/**
 * The words the wizard's screens put in front of a person before they say yes: what is being
 * checked, the question asked, the apply title, whose account the policy names, and the command
 * that does the same without questions. Each is derived from the answers and the checked plans.
 */
import { describe, expect, it } from 'vitest';
import { initialState, type Answers } from '../../src/wizard/steps.js';
import type { Checked } from '../../src/wizard/services.js';
import {
  accountNote,
  applyTitle,
  checkOptions,
  checkWhat,
  codeCommand,
  commandFor,
  confirmQuestion,
  lookalikes,
  tableName,
  tableNames,
  toolTagsShown,
} from '../../src/wizard/view-model.js';
import { fakePlan, options } from './fixtures.js';

const answers = (over: Partial<Answers> = {}): Answers => ({ kind: 'sessions', tags: [], region: 'eu-west-1', ...over });
const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', partition: 'aws' };
const create = (kind: 'sessions' | 'approvals' = 'sessions') => fakePlan('create', { kind });
const update = (kind: 'sessions' | 'approvals' = 'sessions') => fakePlan('update', { kind });

describe('the tables a run is about', () => {
  it('one kind: the typed table, else the kind\'s default; all: the four defaults', () => {
    expect(tableName(answers())).toBe('sentinel-sessions');
    expect(tableName(answers({ table: 'mine' }))).toBe('mine');
    expect(tableName(answers({ kind: 'all' }))).toBe('all four tables');
    expect(tableNames(answers({ table: 'mine' }))).toEqual(['mine']);
    expect(tableNames(answers({ kind: 'all', table: 'ignored' }))).toEqual(['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']);
  });

  it('the tool\'s tags as the tags step lists them: the kind\'s, or a placeholder for each table\'s kind', () => {
    expect(toolTagsShown(answers({ kind: 'approvals' }))).toEqual([
      { key: 'managed-by', value: 'sentinel-init' },
      { key: 'sentinel:table-kind', value: 'approvals' },
    ]);
    expect(toolTagsShown(answers({ kind: 'all' }))).toEqual([
      { key: 'managed-by', value: 'sentinel-init' },
      { key: 'sentinel:table-kind', value: '<each table its kind>' },
    ]);
  });

  it('the check screen says whose credentials, which tables, where', () => {
    expect(checkWhat(answers({ profile: 'dev' }))).toBe('profile dev, table sentinel-sessions in eu-west-1');
    expect(checkWhat(answers({ kind: 'all' }))).toBe('default credentials, tables sentinel-sessions, sentinel-requests, sentinel-breakglass, sentinel-ratelimit in eu-west-1');
  });

  it('the check runs with the answers in place of the flags, a chosen profile counting as --aws-profile', () => {
    const tags = [{ key: 'team', value: 'platform' }];
    expect(checkOptions(options({ region: 'us-east-1' }), answers({ profile: 'dev', table: 't', tags }))).toMatchObject({ profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 't', tags });
    expect(checkOptions(options(), answers()).profileSource).toBeUndefined();
  });
});

describe('before any change', () => {
  it('asks about the one table: create, or apply its changes, naming the account when known', () => {
    expect(confirmQuestion({ plans: [create()], identity }, 'eu-west-1')).toBe('Create table sentinel-sessions in eu-west-1 (account 123456789012)?');
    expect(confirmQuestion({ plans: [update()] }, 'eu-west-1')).toBe('Apply 3 changes to table sentinel-sessions in eu-west-1?');
    const one = fakePlan('update', { changes: [{ op: 'enable-ttl', target: 'ttl', attribute: 'ttl' }] });
    expect(confirmQuestion({ plans: [one] }, 'eu-west-1')).toBe('Apply 1 change to table sentinel-sessions in eu-west-1?');
  });

  it('several tables: counts only those that change, and names them', () => {
    const checked: Checked = { plans: [create(), fakePlan('none', { kind: 'approvals' }), update('approvals')] };
    expect(confirmQuestion(checked, 'eu-west-1')).toBe('Create or update 2 tables (sentinel-sessions, sentinel-requests) in eu-west-1?');
    // One table changing among tables up to date: asked about that one.
    expect(confirmQuestion({ plans: [fakePlan('none'), update('approvals')] }, 'eu-west-1')).toBe('Apply 3 changes to table sentinel-requests in eu-west-1?');
  });

  it('tables that look like another kind need `yes` typed out, unless nothing would change', () => {
    const look = fakePlan('update', { lookalike: 'breakglass' });
    const settled = fakePlan('none', { kind: 'approvals', lookalike: 'breakglass' });
    expect(lookalikes({ plans: [create(), look, settled] })).toEqual([look]);
  });

  it('the apply screen\'s title: creating or updating the one table, or how many', () => {
    expect(applyTitle({ plans: [create()] })).toBe('Creating sentinel-sessions');
    expect(applyTitle({ plans: [fakePlan('none'), update('approvals')] })).toBe('Updating sentinel-requests');
    expect(applyTitle({ plans: [create(), update('approvals')] })).toBe('Applying 2 tables');
  });

  it('whose account the policy names: STS\'s, else --account-id, else * with how to pin it', () => {
    expect(accountNote({ plans: [], identity }, options({ accountId: '999999999999' }))).toBe('ARNs name account 123456789012 (from STS).');
    expect(accountNote({ plans: [] }, options({ accountId: '999999999999' }))).toBe('ARNs name account 999999999999 (--account-id).');
    // No advice of a flag the running wizard cannot take; the demo has no account to name.
    expect(accountNote({ plans: [] }, options())).toBe('Account unknown (no STS call): the ARNs use * for the account.');
    expect(accountNote({ plans: [] }, options({ local: true }))).toBe('Local demo: no AWS account, so the ARNs use * for the account.');
  });
});

describe('the command that saves the code', () => {
  it('names the table for one kind, none for all (each gets its default), and the region', () => {
    const state = (a: Answers) => ({ ...initialState(options()), answers: a });
    expect(codeCommand(state(answers({ table: 'mine' })), options(), 'terraform')).toBe('sentinel-init sessions --region eu-west-1 --table mine --output terraform');
    expect(codeCommand(state(answers({ kind: 'all' })), options(), 'cloudformation')).toBe('sentinel-init all --region eu-west-1 --output cloudformation');
  });
});

describe('the command for the next time', () => {
  it('names the endpoint the check went to, even when it came from AWS_ENDPOINT_URL_DYNAMODB, and the profile and --timeout', () => {
    const state = { ...initialState(options()), answers: answers({ profile: 'dev', table: 't' }), checked: { plans: [], endpointUrl: 'http://127.0.0.1:8400' } };
    expect(commandFor(state, options({ timeoutMs: 90_000 }))).toBe('sentinel-init sessions --aws-profile dev --endpoint-url http://127.0.0.1:8400 --region eu-west-1 --table t --timeout 90s --yes');
  });

  it('carries --allow-kind-change when the table looks like another kind (the typed yes), so headless does not refuse it', () => {
    const at = (plans: ReturnType<typeof fakePlan>[]) => commandFor({ ...initialState(options()), answers: answers({ table: 't' }), checked: { plans } }, options());
    expect(at([fakePlan('update', { lookalike: 'breakglass' })])).toBe('sentinel-init sessions --region eu-west-1 --table t --allow-kind-change --yes');
    expect(at([fakePlan('update')])).toBe('sentinel-init sessions --region eu-west-1 --table t --yes');
  });
});
