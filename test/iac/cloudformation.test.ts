/**
 * The CloudFormation export, held to the real tools: cfn-lint passes on every template with its
 * informational checks on, PyYAML reads it back, and what it reads maps back to exactly the
 * requests the engine sends. The two policies per table, evaluated as CloudFormation would in two
 * accounts and regions, are the generator's for each: one template serves a whole StackSet.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { KIND_NAMES, KINDS } from '../../src/core/kinds.js';
import { tagProblem, type Tag } from '../../src/core/tags.js';
import { desiredTable } from '../../src/engine/desired.js';
import { PITR_ON } from '../../src/engine/pitr.js';
import { createTableInput, ttlSpecification } from '../../src/engine/steps.js';
import { iacTable, renderCloudFormation, type IacTable } from '../../src/iac/index.js';
import { POLICY_AUDIENCES } from '../../src/core/policy-audience.js';
import { policies } from '../../src/policy/iam.js';
import { evaluate, fromCloudFormation, normalized, type Stack } from '../helpers/iac-parse.js';
import { cfnLint, readYaml } from '../helpers/iac-tools.js';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const WHERE = { region: 'eu-west-1' };
// Values a YAML 1.1 reader takes for booleans, nulls, numbers, dates or sexagesimals when unquoted; all valid DynamoDB tags.
const TRICKY: Tag[] = [
  { key: 'on', value: 'yes' },
  { key: 'null', value: 'No' },
  { key: 'n', value: '0123' },
  { key: 'cost-centre', value: '1_000' },
  { key: 'since', value: '2024-01-01' },
  { key: 'window', value: '12:30:00' },
  { key: 'ratio', value: '1e3' },
  { key: 'sign', value: '-1' },
  { key: 'empty', value: '' },
  { key: 'spaced', value: ' a: b ' },
  { key: 'owner', value: 'Zoë/平台 + ops=on' },
];

const one = (kind: (typeof KIND_NAMES)[number]) => iacTable(desiredTable(kind, KINDS[kind].defaultTable, true), WHERE);
const flags = iacTable(desiredTable('approvals', 'team-approvals', false, { pitr: false, tags: TRICKY, kmsKey: { given: KEY } }), WHERE);
const CASES: { name: string; tables: IacTable[]; importOnly?: boolean }[] = [
  ...KIND_NAMES.map((kind) => ({ name: kind, tables: [one(kind)] })),
  { name: 'production flags: --kms-key, --no-pitr, --no-deletion-protection, tricky tags', tables: [flags] },
  { name: 'all four kinds in one template', tables: KIND_NAMES.map(one) },
  { name: 'import template', tables: [{ ...one('sessions'), exists: true }, one('ratelimit')], importOnly: true },
];

let dir: string;
let texts: string[];
let templates: Record<string, any>[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iac-cfn-'));
  texts = CASES.map((c) => renderCloudFormation(c.tables, { version: '9.9.9', importOnly: c.importOnly }));
  templates = readYaml(texts) as Record<string, any>[];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STACKS: Stack[] = [
  { account: '111111111111', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
  { account: '222222222222', region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' },
];

describe('CloudFormation export', () => {
  it('passes cfn-lint with informational checks on, every template', () => {
    const files = texts.map((text, i) => {
      const file = join(dir, `template-${i}.yaml`);
      writeFileSync(file, text);
      return file;
    });
    const lint = cfnLint(files);
    expect(lint.output).toBe('');
    expect(lint.code).toBe(0);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s: each table maps back to the engine\'s CreateTable, TTL and PITR requests', (_, i) => {
    const c = CASES[i]!;
    const template = templates[i]!;
    const rendered = c.importOnly ? c.tables.filter((t) => t.exists) : c.tables;
    expect(Object.keys(template.Resources).filter((id) => template.Resources[id].Type === 'AWS::DynamoDB::Table')).toHaveLength(rendered.length);
    for (const t of rendered) {
      const id = `${KINDS[t.desired.kind].policyWord}Table`;
      expect(template.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      const sent = fromCloudFormation(template, id);
      expect(normalized(sent.createTable)).toEqual(normalized(createTableInput(t.desired)));
      expect(sent.ttl).toEqual(ttlSpecification(t.desired));
      expect(sent.pitr).toEqual(t.desired.pitr ? PITR_ON : undefined);
    }
  });

  it('a command with line separators and controls (--tag ls=a<U+2028>b) stays one comment line: cfn-lint passes', () => {
    const command = "sentinel-init approvals --tag 'ls=a\u2028b' --tag 'n=\u0085\u2029\u001b\r\u009b'";
    const text = renderCloudFormation([flags], { version: '9.9.9', command });
    const file = join(dir, 'separators.yaml');
    writeFileSync(file, text);
    expect(cfnLint([file])).toEqual({ code: 0, output: '' });
    expect(readYaml([text])[0]).toMatchObject({ AWSTemplateFormatVersion: '2010-09-09' });
    expect(text).toContain("# Again: sentinel-init approvals --tag 'ls=a\\u2028b' --tag 'n=\\u0085\\u2029\\u001b\\r\\u009b'\n");
    expect(text).not.toMatch(/[\u0085\u2028\u2029\u001b\r\u009b]/);
  });

  it('the tricky tags read back as the strings they are, the key as its ARN', () => {
    const sent = fromCloudFormation(templates[KIND_NAMES.length]!, 'ApprovalTable');
    for (const tag of TRICKY) expect(tagProblem(tag)).toBeUndefined();
    expect(sent.createTable.Tags).toEqual(expect.arrayContaining(TRICKY.map((t) => ({ Key: t.key, Value: t.value }))));
    expect(sent.createTable.SSESpecification).toEqual({ Enabled: true, SSEType: 'KMS', KMSMasterKeyId: KEY });
    expect(sent.createTable.DeletionProtectionEnabled).toBe(false);
  });

  it.each(STACKS.map((s) => [s.region, s] as const))('in %s each table\'s provisioning and runtime policies are the generator\'s for that account, region and partition', (_, stack) => {
    for (const [i, c] of CASES.entries()) {
      if (c.importOnly) continue;
      const managed = Object.keys(templates[i]!.Resources).filter((id) => templates[i]!.Resources[id].Type === 'AWS::IAM::ManagedPolicy');
      expect(managed).toHaveLength(2 * c.tables.length);
      for (const t of c.tables) {
        const want = policies({ kind: t.desired.kind, table: t.desired.name, region: stack.region, accountId: stack.account, partition: stack.partition, pitr: t.desired.pitr, kmsKeyArn: t.desired.kmsKey?.arn });
        for (const audience of POLICY_AUDIENCES) {
          const id = `${KINDS[t.desired.kind].policyWord}Table${audience === 'provisioning' ? 'Provisioning' : 'Runtime'}Policy`;
          expect(evaluate(templates[i]!.Resources[id].Properties.PolicyDocument, templates[i], stack), id).toEqual(want[audience]);
          expect(templates[i]!.Outputs[`${id}Arn`], id).toMatchObject({ Value: { Ref: id } });
        }
      }
    }
  });

  it('writes no account, region or partition, except the key ARN the person gave', () => {
    for (const [i, text] of texts.entries()) {
      const lines = text.split('\n').filter((l) => !l.includes(KEY));
      expect(lines.join('\n'), CASES[i]!.name).not.toMatch(/\d{12}|\b[a-z]{2}(-[a-z]+)+-\d\b|arn:aws/);
    }
  });

  it('outputs the table ARN and the environment variable line Sentinel reads', () => {
    const all = templates[KIND_NAMES.length + 1]!;
    const env = (id: string) => evaluate(all.Outputs[`${id}Env`].Value, all, STACKS[0]!);
    expect(env('SessionTable')).toBe('SENTINEL_SESSION_TABLE=sentinel-sessions');
    expect(env('ApprovalTable')).toBe('SENTINEL_APPROVAL_TABLE=sentinel-requests');
    expect(env('BreakGlassTable')).toBe('SENTINEL_BREAKGLASS_TABLE=sentinel-breakglass');
    expect(env('RateLimitTable')).toBe('SENTINEL_RATE_LIMIT_TABLE=sentinel-ratelimit');
    expect(all.Outputs.RateLimitTableEnv.Description).toContain('SENTINEL_RATE_LIMIT_REQUESTS > 0');
    expect(evaluate(all.Outputs.SessionTableArn.Value, all, STACKS[0]!)).toBe('arn:aws:dynamodb:eu-west-1:111111111111:table/sentinel-sessions');
  });

  it('the import template holds the existing tables alone: no policy, nothing to create', () => {
    const imported = templates.at(-1)!;
    expect(Object.keys(imported.Resources)).toEqual(['SessionTable']);
    expect(Object.keys(imported.Outputs)).toEqual(['SessionTableArn', 'SessionTableEnv']);
    expect(() => renderCloudFormation([one('sessions')], { version: '9.9.9', importOnly: true })).toThrow('No existing table to import.');
  });

  it('refuses a key it cannot name by ARN: the policy grants on the key ARN', () => {
    const desired = desiredTable('sessions', 'sentinel-sessions', true, { kmsKey: { given: 'alias/sentinel' } });
    expect(() => iacTable(desired, WHERE)).toThrow(UsageError);
    expect(() => iacTable(desired, WHERE)).toThrow('The code for --kms-key alias/sentinel needs the key\'s ARN');
    const resolved = iacTable({ ...desired, kmsKey: { given: 'alias/sentinel', arn: KEY } }, WHERE);
    expect(resolved.literals.keyArn).toBe(KEY);
  });
});
