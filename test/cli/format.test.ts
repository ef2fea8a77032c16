import { describe, expect, it } from 'vitest';
import { desiredTable, plan } from '../../src/engine/index.js';
import type { ProgressEvent } from '../../src/engine/types.js';
import { planDocument, planText, resultDocument, resultText } from '../../src/headless/format.js';
import { plansText } from '../../src/service/plan-lines.js';
import { progressPrinter } from '../../src/headless/progress.js';

describe('plan and result text', () => {
  const p = plan(desiredTable('approvals', 'reqs', true), undefined, 'eu-west-1');

  it('names the table, the region, the action and every change', () => {
    const text = planText(p);
    // The same lines the wizard draws (src/service/plan-lines.ts), as plain text.
    expect(text).toMatch(/^Plan for approvals table reqs in eu-west-1: create the table\.\n  \+ table reqs  will be created in eu-west-1\n/);
    for (const index of ['gsi-requester', 'gsi-status', 'gsi-profile']) expect(text).toMatch(new RegExp(`\\n    \\+ index ${index} +\\w+ \\(S\\), created_at \\(S\\) · projects ALL\\n`));
    expect(text).toMatch(/\n      TTL +on attribute ttl\n/);
    expect(text).not.toMatch(/\u001b/);
  });

  it('says when it could not compare, and why', () => {
    const offline = { ...p, compared: false, reason: 'No AWS credentials found.' };
    expect(planText(offline)).toMatch(/Could not compare with the real table.*No AWS credentials found\./);
    expect(planDocument(offline)).toMatchObject({ kind: 'approvals', table: 'reqs', region: 'eu-west-1', action: 'create', compared: false, reason: 'No AWS credentials found.' });
  });

  it('lists the controls the table will meet, and which it will not because of a flag', () => {
    const text = planText(p);
    expect(text).toMatch(/\n      point-in-time recovery  on · billed per GB-month of table size; these tables are small\n/);
    expect(text).toMatch(/tags +managed-by=sentinel-init, sentinel:table-kind=approvals/);
    expect(text).toContain('\n  Controls after this run\n');
    expect(text).toMatch(/\n    ✓ Security Hub DynamoDB\.2 +point-in-time recovery on\n/);
    expect(text).toMatch(/\n    ✓ Sentinel audit DEPLOY-02b +point-in-time recovery on\n/);
    const loose = plan(desiredTable('approvals', 'reqs', false, { pitr: false }), undefined, 'eu-west-1');
    const lines = planText(loose).split('\n');
    for (const control of ['DynamoDB.2', 'CT.DYNAMODB.PR.1', 'DEPLOY-02b']) {
      expect(lines.find((l) => l.includes(` ${control} `))).toMatch(/^    ✗ .*point-in-time recovery off: --no-pitr$/);
    }
    for (const control of ['DynamoDB.6', 'DEPLOY-02']) {
      expect(lines.find((l) => l.includes(` ${control} `))).toMatch(/^    ✗ .*deletion protection off: --no-deletion-protection$/);
    }
    expect(lines.find((l) => l.includes(' DynamoDB.1 '))).toMatch(/^    ✓ /);
  });

  it('--plan --json carries the controls as a list', () => {
    const doc = planDocument(plan(desiredTable('approvals', 'reqs', true, { pitr: false }), undefined, 'eu-west-1'));
    const compliance = doc.compliance as { control: string; source: string; title: string; status: string; detail: string }[];
    expect(compliance.map((c) => `${c.source} ${c.control} ${c.status}`)).toEqual([
      'Security Hub DynamoDB.1 met',
      'Security Hub DynamoDB.2 not met',
      'Security Hub DynamoDB.5 met',
      'Security Hub DynamoDB.6 met',
      'Control Tower CT.DYNAMODB.PR.1 not met',
      'Control Tower CT.DYNAMODB.PR.2 met',
      'Sentinel audit DEPLOY-02 met',
      'Sentinel audit DEPLOY-02b not met',
    ]);
    expect(compliance[1]).toEqual({ control: 'DynamoDB.2', source: 'Security Hub', title: 'DynamoDB tables should have point-in-time recovery enabled', status: 'not met', detail: 'point-in-time recovery off: --no-pitr' });
  });

  it('--plan text ends with one cost line and the pricing link; the JSON has none', () => {
    const text = plansText([p, plan(desiredTable('sessions', 's', true), undefined, 'eu-west-1')]);
    const cost = 'Cost: on-demand requests are billed per request; storage and point-in-time recovery per GB-month. Prices: https://aws.amazon.com/dynamodb/pricing/\n';
    expect(text.endsWith(`\n${cost}`)).toBe(true);
    expect(text.split('Cost:')).toHaveLength(2);
    // Without point-in-time recovery, it is not named.
    expect(plansText([plan(desiredTable('approvals', 'reqs', true, { pitr: false }), undefined, 'eu-west-1')])).toContain('Cost: on-demand requests are billed per request; storage per GB-month.');
    expect(JSON.stringify(planDocument(p))).not.toContain('pricing');
  });

  it('says what an endpoint without PITR and tagging (DynamoDB Local) leaves out', () => {
    const local = plan(desiredTable('sessions', 's', true), undefined, 'eu-west-1', ['pitr', 'tags']);
    expect(local.changes.map((c) => c.op)).toEqual(['create-table', 'enable-ttl']);
    expect(planText(local)).toContain('  ! This endpoint does not implement point-in-time recovery or tagging (DynamoDB Local does not): left out.\n');
    expect(planDocument(local)).toMatchObject({ unsupported: ['pitr', 'tags'] });
    expect(planDocument(p)).not.toHaveProperty('unsupported');
    // Controls the endpoint cannot have are n/a locally, never a failure (✗) of the table.
    const text = planText(local);
    expect(text).not.toContain('✗');
    expect(text).toContain('    – Security Hub DynamoDB.2         n/a locally: DynamoDB Local has no point-in-time recovery (on in AWS)\n');
    expect(text).toContain('    – Security Hub DynamoDB.5         n/a locally: DynamoDB Local has no tags (set in AWS)\n');
    expect(local.compliance.filter((c) => c.status === 'n/a').map((c) => c.control)).toEqual(['DynamoDB.2', 'DynamoDB.5', 'CT.DYNAMODB.PR.1', 'DEPLOY-02b']);
  });

  it('ends a result with one line per Sentinel consumer of the table', () => {
    const text = resultText({ kind: 'breakglass', table: 'bg-table', region: 'eu-west-1', status: 'created', tableArn: 'arn:aws:dynamodb:eu-west-1:1:table/bg-table' });
    expect(text).toContain('ARN: arn:aws:dynamodb:eu-west-1:1:table/bg-table');
    expect(text.split('\n').slice(2)).toEqual([
      'Next steps: point Sentinel at the table.',
      '  Lambda TVM         SENTINEL_BREAKGLASS_TABLE=bg-table',
      '  sentinel CLI       --breakglass-table bg-table  (breakglass, breakglass-list, breakglass-check, breakglass-close)',
      '',
    ]);
  });

  it('a --local demo prints no next step for its throwaway table, and says it is gone when the run ends', () => {
    const text = resultText({ kind: 'sessions', table: 's', region: 'us-east-1', status: 'created', tableArn: 'arn' }, { local: true });
    expect(text).not.toContain('SENTINEL_SESSION_TABLE');
    expect(text).toContain('This is a local demo: the table lives in DynamoDB Local and is gone when this run ends.');
  });

  it('approvals name the variable the Lambda reads and the CLI flag, not SENTINEL_REQUEST_TABLE', () => {
    const text = resultText({ kind: 'approvals', table: 'reqs', region: 'eu-west-1', status: 'unchanged', tableArn: 'arn' });
    expect(text).toContain('  Lambda TVM         SENTINEL_APPROVAL_TABLE=reqs\n');
    expect(text).toContain('  sentinel CLI       --request-table reqs  (request, list, check, approve, deny)\n');
    expect(text).not.toContain('SENTINEL_REQUEST_TABLE');
  });

  it('the JSON result lists the wiring: consumer, kind, name, value', () => {
    const doc = resultDocument({ kind: 'ratelimit', table: 'rl', region: 'eu-west-1', status: 'created', tableArn: 'arn' });
    expect(doc.wiring).toEqual([
      { consumer: 'Lambda TVM', kind: 'env', name: 'SENTINEL_RATE_LIMIT_TABLE', value: 'rl', note: 'read only while SENTINEL_RATE_LIMIT_REQUESTS > 0, default 100' },
    ]);
  });
});

describe('progressPrinter', () => {
  it('prints each step, and a waiting line at most every 5 s with the elapsed time, no escapes', () => {
    const out: string[] = [];
    const print = progressPrinter((l) => out.push(l));
    const events: ProgressEvent[] = [
      { type: 'step', id: 'i', label: 'Add index gsi-x (a, b)' },
      ...[1000, 2000, 5200, 6000, 10_300, 65_000].map((elapsedMs): ProgressEvent => ({ type: 'waiting', id: 'i', status: 'CREATING', elapsedMs })),
      { type: 'retry', id: 'i', attempt: 2, reason: 'throttled' },
      { type: 'done', id: 'i', elapsedMs: 66_000 },
    ];
    events.forEach(print);
    expect(out).toEqual([
      '- Add index gsi-x (a, b)\n',
      '  waiting: CREATING, 5.2 s\n',
      '  waiting: CREATING, 10 s\n',
      '  waiting: CREATING, 1 min 5 s\n',
      '  retrying (attempt 2): throttled\n',
      '  done in 1 min 6 s\n',
    ]);
    expect(out.join('')).not.toMatch(/\u001B/);
  });
});
