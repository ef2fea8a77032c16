import { describe, expect, it } from 'vitest';
import { desiredTable, plan } from '../../src/engine/index.js';
import type { ProgressEvent } from '../../src/engine/types.js';
import { planDocument, planText, resultDocument, resultText } from '../../src/headless/format.js';
import { progressPrinter } from '../../src/headless/progress.js';

describe('plan and result text', () => {
  const p = plan(desiredTable('approvals', 'reqs', true), undefined, 'eu-west-1');

  it('names the table, the region, the action and every change', () => {
    const text = planText(p);
    expect(text).toMatch(/^Plan for approvals table reqs in eu-west-1: create the table\./);
    expect(text).toContain('indexes gsi-requester, gsi-status, gsi-profile');
    expect(text).toContain('enable TTL on attribute ttl');
  });

  it('says when it could not compare, and why', () => {
    const offline = { ...p, compared: false, reason: 'No AWS credentials found.' };
    expect(planText(offline)).toMatch(/Could not compare with the real table.*No AWS credentials found\./);
    expect(planDocument(offline)).toMatchObject({ kind: 'approvals', table: 'reqs', region: 'eu-west-1', action: 'create', compared: false, reason: 'No AWS credentials found.' });
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
