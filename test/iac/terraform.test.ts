/**
 * The Terraform export, held to the real tool with the hashicorp/aws provider from the local mirror
 * (no network): laid out as terraform fmt lays it out, valid, and planned by the provider into
 * exactly the requests the engine sends. The two policies per table, evaluated by `terraform test`
 * with a mocked provider, are provisioningPolicy's and runtimePolicy's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_NAMES, KINDS } from '../../src/core/kinds.js';
import type { Tag } from '../../src/core/tags.js';
import { desiredTable } from '../../src/engine/desired.js';
import { PITR_ON } from '../../src/engine/pitr.js';
import { createTableInput, ttlSpecification } from '../../src/engine/steps.js';
import { checkDocument } from '../../src/iac/check.js';
import { hclString } from '../../src/iac/hcl.js';
import { iacTable, renderTerraform, type IacTable } from '../../src/iac/index.js';
import { POLICY_AUDIENCES } from '../../src/core/policy-audience.js';
import { policies } from '../../src/policy/iam.js';
import { fromTerraform, normalized } from '../helpers/iac-parse.js';
import { planValues, terraformDir, type TerraformDir } from '../helpers/iac-tools.js';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const WHERE = { region: 'eu-west-1' };
const TAGS: Tag[] = [
  { key: 'team', value: 'platform: ops = on' },
  { key: 'empty', value: '' },
  { key: 'owner', value: 'Zoë/平台' },
];
// Strings HCL would read as templates or escapes if they were written as they are.
const AWKWARD = ['${var.region}', '%{ if true }x%{ endif }', 'a "quoted" \\ back', 'two\nlines\ttab', 'line\u2028separator'];

const defaults = KIND_NAMES.map((kind) => iacTable(desiredTable(kind, KINDS[kind].defaultTable, true), WHERE));
const variants = (exists: boolean) => [
  iacTable(desiredTable('approvals', 'team-approvals', false, { pitr: false, tags: TAGS, kmsKey: { given: KEY } }), WHERE),
  iacTable(desiredTable('ratelimit', 'team-ratelimit', true), WHERE, exists),
];
const render = (tables: IacTable[]) => renderTerraform(tables, { version: '9.9.9', command: 'sentinel-init sessions --region eu-west-1 --output terraform' });

/** A `terraform test` file: each table's ARN overridden, each of its two policies compared with the generator's document. */
function policyTest(tf: TerraformDir, tables: IacTable[]): void {
  mkdirSync(join(tf.dir, 'tests'));
  const blocks = tables.map((t) => {
    const n = t.desired.kind;
    const arn = `arn:aws:dynamodb:eu-west-1:123456789012:table/${t.desired.name}`;
    const want = policies({ kind: n, table: t.desired.name, region: 'eu-west-1', accountId: '123456789012', pitr: t.desired.pitr, kmsKeyArn: t.desired.kmsKey?.arn });
    const asserts = POLICY_AUDIENCES.map((a) => {
      writeFileSync(join(tf.dir, `want-${n}-${a}.json`), JSON.stringify(want[a]));
      const res = `aws_iam_policy.${n}_${a}`;
      return `  assert {\n    condition     = jsondecode(${res}.policy) == jsondecode(file("want-${n}-${a}.json"))\n    error_message = "${n} ${a}: \${${res}.policy}"\n  }\n`;
    });
    return {
      override: `override_resource {\n  target          = aws_dynamodb_table.${n}\n  override_during = plan\n  values          = { arn = "${arn}" }\n}\n`,
      assert: asserts.join(''),
    };
  });
  const text = `mock_provider "aws" {}\n\n${blocks.map((b) => b.override).join('\n')}\nrun "policies" {\n  command = plan\n${blocks.map((b) => b.assert).join('')}}\n`;
  writeFileSync(join(tf.dir, 'tests', 'policies.tftest.hcl'), text);
}

/** The requests the provider would make for each table in the plan equal the engine's. */
function expectEngineRequests(planned: Map<string, Record<string, unknown>>, tables: IacTable[]): void {
  for (const t of tables) {
    const after = planned.get(`aws_dynamodb_table.${t.desired.kind}`);
    expect(after, t.desired.kind).toBeDefined();
    const sent = fromTerraform(after);
    expect(normalized(sent.createTable)).toEqual(normalized(createTableInput(t.desired)));
    expect(sent.ttl).toEqual(ttlSpecification(t.desired));
    expect(sent.pitr).toEqual(t.desired.pitr ? PITR_ON : undefined);
    // Two policies, named by who gets them; none other.
    expect(planned.get(`aws_iam_policy.${t.desired.kind}_provisioning`)).toMatchObject({ name: `${t.desired.name}-eu-west-1-provisioning` });
    expect(planned.get(`aws_iam_policy.${t.desired.kind}_runtime`)).toMatchObject({ name: `${t.desired.name}-eu-west-1-runtime` });
    expect([...planned.keys()].filter((k) => k.startsWith(`aws_iam_policy.${t.desired.kind}`)).sort()).toEqual([`aws_iam_policy.${t.desired.kind}_provisioning`, `aws_iam_policy.${t.desired.kind}_runtime`]);
  }
}

describe('Terraform export: a command with line separators and controls in the header', () => {
  const command = "sentinel-init sessions --tag 'ls=a\u2028b' --tag 'n=\u0085\u2029\u001b\r\u009b'";
  const text = renderTerraform(defaults.slice(0, 1), { version: '9.9.9', command });
  let tf: TerraformDir;
  beforeAll(() => {
    tf = terraformDir({ 'main.tf': text });
    tf.run(['init', '-input=false']);
  }, 120_000);
  afterAll(() => tf?.remove());

  it('a document with a raw line separator is never handed out: a bug, said as one (exit 1)', () => {
    expect(() => checkDocument('# one\n# two\u2028three\n', 'Terraform')).toThrow('the Terraform code holds a raw U+2028 on line 2, so it would not read back as written; nothing was written');
    expect(checkDocument('# fine\n', 'CloudFormation')).toBe('# fine\n');
  });

  it('stays one comment line (escaped), and validates', () => {
    expect(text).toContain("# Again: sentinel-init sessions --tag 'ls=a\\u2028b' --tag 'n=\\u0085\\u2029\\u001b\\r\\u009b'\n");
    expect(text).not.toMatch(/[\u0085\u2028\u2029\u001b\r\u009b]/);
    expect(tf.run(['fmt', '-check', '-diff'])).toBe('');
    expect(tf.run(['validate'])).toContain('Success! The configuration is valid.');
  }, 120_000);
});

describe('Terraform export: every kind, defaults', () => {
  let tf: TerraformDir;
  const text = render(defaults);
  beforeAll(() => {
    tf = terraformDir({ 'main.tf': text });
    tf.run(['init', '-input=false']);
  }, 120_000);
  afterAll(() => tf?.remove());

  it('is laid out as terraform fmt lays it out, and validates with hashicorp/aws 5.100', () => {
    expect(tf.run(['fmt', '-check', '-diff'])).toBe('');
    expect(tf.run(['validate'])).toContain('Success! The configuration is valid.');
    expect(tf.run(['version'])).toMatch(/provider registry\.terraform\.io\/hashicorp\/aws v5\.100\.0/);
  }, 120_000);

  it('plans, per kind, exactly the engine\'s CreateTable, TTL and PITR requests, and two policies', () => {
    expectEngineRequests(planValues(tf).resources, defaults);
    expect(text.match(/prevent_destroy = true/g)).toHaveLength(defaults.length);
    expect(text).not.toMatch(/^import \{/m);
  }, 120_000);

  it('each table\'s provisioning and runtime policies are the generator\'s documents once the table has its ARN', () => {
    policyTest(tf, defaults);
    expect(tf.run(['test'])).toMatch(/1 passed, 0 failed/);
  }, 120_000);
});

describe('Terraform export: production flags and an existing table', () => {
  let tf: TerraformDir;
  beforeAll(() => {
    const probe = AWKWARD.map((s, i) => `output "awkward_${i}" {\n  value = ${hclString(s)}\n}\n`).join('\n');
    tf = terraformDir({ 'main.tf': render(variants(true)), 'probe.tf': probe });
    tf.run(['init', '-input=false']);
  }, 120_000);
  afterAll(() => tf?.remove());

  it('adopts the existing table with an import block, and validates', () => {
    const text = render(variants(true));
    expect(text).toContain('import {\n  to = aws_dynamodb_table.ratelimit\n  id = "team-ratelimit"\n}\n');
    expect(text.match(/^import \{/gm)).toHaveLength(1);
    expect(tf.run(['fmt', '-check', '-diff', 'main.tf'])).toBe('');
    expect(tf.run(['validate'])).toContain('Success! The configuration is valid.');
  }, 120_000);

  it('--no-pitr and --no-deletion-protection: created without, never turned off; key and tags as given; strings read back unchanged', () => {
    const tables = variants(false);
    writeFileSync(join(tf.dir, 'main.tf'), render(tables));
    expect(render(tables)).toContain('ignore_changes  = [point_in_time_recovery, deletion_protection_enabled]');
    const planned = planValues(tf);
    expectEngineRequests(planned.resources, tables);
    expect(fromTerraform(planned.resources.get('aws_dynamodb_table.approvals')).createTable.SSESpecification).toEqual({ Enabled: true, SSEType: 'KMS', KMSMasterKeyId: KEY });
    // The probe outputs: templates and escapes in a value must not be read as such.
    expect(AWKWARD.map((_, i) => planned.outputs[`awkward_${i}`]?.value)).toEqual(AWKWARD);
    policyTest(tf, tables);
    expect(tf.run(['test'])).toMatch(/1 passed, 0 failed/);
  }, 120_000);
});

describe("Sentinel's Terraform module, wired to the exported tables", () => {
  it("names each table's input by the table's name, and what the module has no input for", () => {
    const code = render(defaults);
    expect(code).toContain('# module "sentinel_tvm" {');
    for (const [input, kind] of [['session_table', 'sessions'], ['approval_table', 'approvals'], ['breakglass_table', 'breakglass']]) {
      expect(code).toMatch(new RegExp(`^#   ${input} += aws_dynamodb_table\\.${kind}\\.name$`, 'm'));
    }
    expect(code).toContain('# The module has no input for SENTINEL_RATE_LIMIT_TABLE (ratelimit)');
    expect(render([defaults[0] as IacTable])).not.toContain('SENTINEL_RATE_LIMIT_TABLE');
  });
});
