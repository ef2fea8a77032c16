// Pure pieces behind the screens: list matching/windowing, plan lines, progress rows, command line.
import { describe, expect, it } from 'vitest';
import { printedCommand, setInvocation, shellQuote } from '../../src/core/shell.js';
import { generateIamCommand, headlessCommand } from '../../src/service/command-line.js';
import { editLine, printable } from '../../src/components/line-edit.js';
import { filterItems, windowRange } from '../../src/components/list-model.js';
import { planLines } from '../../src/service/plan-lines.js';
import { formatDuration } from '../../src/core/duration.js';
import { reduceProgress } from '../../src/screens/progress-model.js';
import { complianceOf } from '../../src/engine/compliance.js';
import { desiredTable } from '../../src/engine/desired.js';
import { confirmQuestion } from '../../src/wizard/view-model.js';
import { fakePlan } from './fixtures.js';

const text = (p: ReturnType<typeof planLines>) => p.map((l) => l.map((s) => s.text).join('')).join('\n');

describe('list model', () => {
  const items = ['prod', 'dev-prod', 'staging'].map((n, i) => ({ key: n, label: n, detail: i === 2 ? 'eu-west-1 prod-like' : undefined, value: n }));
  it('ranks prefix matches first, then inner matches, then detail matches, with spans', () => {
    const m = filterItems(items, 'PROD');
    expect(m.map((x) => x.item.key)).toEqual(['prod', 'dev-prod', 'staging']);
    expect(m.map((x) => x.span)).toEqual([[0, 4], [4, 8], undefined]);
    expect(filterItems(items, '  ')).toHaveLength(3);
  });
  it('keeps the selected row inside the window', () => {
    expect(windowRange(5, 4, 8)).toEqual({ start: 0, end: 5 });
    expect(windowRange(300, 0, 8)).toEqual({ start: 0, end: 8 });
    expect(windowRange(300, 150, 8)).toEqual({ start: 146, end: 154 });
    expect(windowRange(300, 299, 8)).toEqual({ start: 292, end: 300 });
  });
  it('drops control characters and pasted newlines', () => {
    expect(printable('ab\r\nc\u0007d')).toBe('abcd');
  });
});

describe('plan lines', () => {
  it('draws a create with every attribute and index', () => {
    const t = text(planLines(fakePlan('create')));
    expect(t).toContain('+ table sentinel-sessions  will be created in eu-west-1');
    expect(t).toMatch(/billing\s+on demand \(PAY_PER_REQUEST\)/);
    expect(t).toMatch(/encryption\s+AWS managed KMS key/);
    expect(t).toMatch(/TTL\s+on attribute ttl/);
    expect(t).toMatch(/deletion protection\s+on/);
    expect(t).toMatch(/\+ index gsi-server-instance\s+server_instance_id \(S\), status \(S\)/);
    expect(t).not.toContain('gsi-device-id');
    expect(t).toContain('Plan: create 1 table with 4 indexes');
  });
  it('draws an update as its changes only, and says nothing is deleted', () => {
    const t = text(planLines(fakePlan('update', { notes: ['Billing mode is PROVISIONED, not PAY_PER_REQUEST; left as is.'] })));
    expect(t).toContain('~ table sentinel-sessions  will be updated in place');
    expect(t).toMatch(/\+ index gsi-server-instance/);
    expect(t).not.toMatch(/\+ index gsi-user/);
    expect(t).toContain('~ TTL  off → on attribute ttl');
    expect(t).toContain('~ deletion protection  off → on');
    expect(t).toContain('3 indexes already in place');
    expect(t).toContain('! Billing mode is PROVISIONED');
    expect(t).toContain('Plan: 3 changes to sentinel-sessions; nothing is deleted.');
  });
  it('draws the removal of gsi-device-id with a minus, its reason, and says it is the one deletion', () => {
    const removal = { op: 'remove-index' as const, target: 'gsi-device-id', partitionKey: 'device_id', reason: 'Sentinel writes an empty device_id' };
    const t = text(planLines(fakePlan('update', { changes: [removal] })));
    expect(t).toMatch(/- index gsi-device-id\s+Sentinel writes an empty device_id/);
    expect(t).toContain('Plan: 1 change to sentinel-sessions; only index gsi-device-id is deleted.');
  });
  it('says nothing to do for an up-to-date table, and why a plan could not compare', () => {
    expect(text(planLines(fakePlan('none')))).toContain('Nothing to do: sentinel-sessions is up to date.');
    expect(text(planLines(fakePlan('create', { compared: false, reason: 'no credentials' })))).toContain('Could not compare with the real table: no credentials');
  });
});

describe('plan lines: production defaults', () => {
  it('draws PITR with its cost, the tags, the key switch saying DynamoDB allows it, and the controls compactly', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa';
    const changes = [
      { op: 'enable-pitr' as const, target: 'pitr' as const },
      { op: 'tag' as const, target: 'tags' as const, tags: { team: 'platform' } },
      { op: 'set-kms-key' as const, target: 'encryption' as const, keyArn: key, from: 'arn:aws:kms:eu-west-1:123456789012:key/aws-managed' },
    ];
    const t = text(planLines(fakePlan('update', { changes })));
    expect(t).toContain('~ point-in-time recovery  off → on · billed per GB-month of table size; these tables are small');
    expect(t).toContain('~ tags  + team=platform · none removed');
    expect(t).toContain(`~ encryption  KMS key → ${key} · DynamoDB allows switching keys at any time`);
    expect(t).toMatch(/✓ Security Hub +DynamoDB\.1, DynamoDB\.2, DynamoDB\.5, DynamoDB\.6\n/);
    expect(t).toMatch(/✓ Sentinel audit +DEPLOY-02, DEPLOY-02b\n/);
  });

  it('groups the controls a flag fails under one line naming the flag', () => {
    const p = fakePlan('create', { desired: desiredTable('sessions', 'sentinel-sessions', false, { pitr: false }) });
    const t = text(planLines({ ...p, compliance: complianceOf(p) }));
    expect(t).toMatch(/point-in-time recovery +off \(--no-pitr\)/);
    expect(t).toContain('✗ DynamoDB.2, CT.DYNAMODB.PR.1, DEPLOY-02b  point-in-time recovery off: --no-pitr');
    expect(t).toContain('✗ DynamoDB.6, DEPLOY-02  deletion protection off: --no-deletion-protection');
  });
});

describe('progress rows', () => {
  it('follows step, waiting, retry and done events per id', () => {
    let rows = reduceProgress([], { type: 'step', id: 'a', label: 'Create table' }, 1000);
    rows = reduceProgress(rows, { type: 'step', id: 'b', label: 'Wait' }, 2000);
    rows = reduceProgress(rows, { type: 'waiting', id: 'b', status: 'CREATING', elapsedMs: 10 }, 2100);
    rows = reduceProgress(rows, { type: 'retry', id: 'b', attempt: 2, reason: 'throttled' }, 2200);
    rows = reduceProgress(rows, { type: 'done', id: 'a', elapsedMs: 1500 }, 2500);
    expect(rows).toMatchObject([
      { id: 'a', state: 'done', elapsedMs: 1500 },
      { id: 'b', state: 'running', status: 'CREATING', retry: 'retry 2: throttled', startedAt: 2000 },
    ]);
    // One rule for both faces (src/core/duration.ts); 119.6 s once printed as "1 min 60 s".
    expect([formatDuration(400), formatDuration(12_400), formatDuration(125_000), formatDuration(119_600), formatDuration(5_400_000)]).toEqual(['0.4 s', '12 s', '2 min 5 s', '2 min', '1 h 30 min']);
  });
});

describe('headless command line', () => {
  it('names every answer and quotes what a shell would split', () => {
    expect(headlessCommand({ kind: 'sessions', table: 'sentinel-sessions', region: 'eu-west-1', profile: 'dev', deletionProtection: true })).toBe(
      'sentinel-init sessions --aws-profile dev --region eu-west-1 --table sentinel-sessions --yes',
    );
    expect(headlessCommand({ kind: 'approvals', table: 'sentinel-requests', region: 'eu-west-1', profile: 'deploy', mfa: true, deletionProtection: true })).toBe(
      'sentinel-init approvals --aws-profile deploy --mfa-code CODE --region eu-west-1 --table sentinel-requests --yes',
    );
    expect(headlessCommand({ kind: 'approvals', table: 't.1', region: 'us-east-1', profile: "bob's team", endpointUrl: 'http://localhost:8000', deletionProtection: false })).toBe(
      "sentinel-init approvals --aws-profile 'bob'\\''s team' --endpoint-url http://localhost:8000 --region us-east-1 --table t.1 --no-deletion-protection --yes",
    );
    expect(headlessCommand({ kind: 'breakglass', table: 'x', region: 'us-east-1', profile: 'sentinel-demo', endpointUrl: 'http://127.0.0.1:1', deletionProtection: true, local: true })).toBe(
      'sentinel-init breakglass --local --region us-east-1 --table x --yes',
    );
    expect(shellQuote('')).toBe("''");
  });

  it('carries --no-pitr, each --tag (quoted when it has a space) and --kms-key', () => {
    const tags = [{ key: 'team', value: 'platform' }, { key: 'cost centre', value: '42' }];
    expect(headlessCommand({ kind: 'sessions', table: 's1', region: 'eu-west-1', deletionProtection: true, pitr: false, tags, kmsKey: 'alias/sentinel' })).toBe(
      "sentinel-init sessions --region eu-west-1 --table s1 --no-pitr --tag team=platform --tag 'cost centre=42' --kms-key alias/sentinel --yes",
    );
  });

  it('carries what else changes the result: --allow-unknown-region and --timeout; --plan or --output in place of --yes', () => {
    const run = { kind: 'sessions' as const, table: 's1', region: 'xx-new-1', allowUnknownRegion: true, timeoutMs: 45 * 60_000 };
    expect(headlessCommand(run)).toBe('sentinel-init sessions --region xx-new-1 --table s1 --allow-unknown-region --timeout 2700s --yes');
    expect(headlessCommand(run, ['--plan'])).toBe('sentinel-init sessions --region xx-new-1 --table s1 --allow-unknown-region --timeout 2700s --plan');
  });

  it('starts with the invocation that runs this build from here (set by the entry)', () => {
    setInvocation(() => ['node', 'dist/cli.js']);
    try {
      expect(headlessCommand({ kind: 'ratelimit', table: 'r', region: 'eu-west-1', profile: 'dev' })).toBe('node dist/cli.js ratelimit --aws-profile dev --region eu-west-1 --table r --yes');
      expect(generateIamCommand({ kind: 'ratelimit', region: 'eu-west-1', table: 'r' })).toBe('node dist/cli.js ratelimit --generate-iam --region eu-west-1 --table r');
      expect(printedCommand('aws', ['sso', 'login'], { profile: 'corp sso' })).toBe("aws sso login --profile 'corp sso'");
    } finally {
      setInvocation(() => ['sentinel-init']);
    }
  });
});

describe('editLine', () => {
  const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };
  it('counts Backspaces that arrive in one read, and never goes below empty', () => {
    expect(editLine('abcdef', '\u007F\u007F\u007F', none)).toBe('abc');
    expect(editLine('ab', '\u007F\u007F\u007F', none)).toBe('');
    expect(editLine('abc', '\u007F', { ...none, delete: true })).toBe('ab');
  });
  it('appends typed text without control characters, clears on Ctrl-U, ignores arrows and Enter', () => {
    expect(editLine('a', 'b\r\nc', none)).toBe('abc');
    expect(editLine('abc', 'u', { ...none, ctrl: true })).toBe('');
    expect(editLine('abc', '', { ...none, upArrow: true })).toBeUndefined();
    expect(editLine('abc', '\r', { ...none, return: true })).toBeUndefined();
  });
});


describe('confirm question for several tables', () => {
  it('says create, update, or both, as the plans are', () => {
    const plans = (...actions: ('create' | 'update')[]) => ({ plans: actions.map((a, i) => fakePlan(a, { table: `t${i}` })) });
    expect(confirmQuestion(plans('create', 'create'), 'eu-west-1')).toBe('Create 2 tables (t0, t1) in eu-west-1?');
    expect(confirmQuestion(plans('update', 'update'), 'eu-west-1')).toBe('Update 2 tables (t0, t1) in eu-west-1?');
    expect(confirmQuestion(plans('create', 'update'), 'eu-west-1')).toBe('Create or update 2 tables (t0, t1) in eu-west-1?');
  });
});
