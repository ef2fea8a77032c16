/**
 * The Terraform export: HCL for hashicorp/aws, from the engine's CreateTable request, TTL and PITR
 * specifications and the table's two policies (provisioning and runtime). HCL rather than .tf.json: this is code a team
 * commits, reviews and edits, and `terraform fmt` keeps HCL as people write it.
 */
import { PITR_ON } from '../engine/pitr.js';
import { ttlSpecification } from '../engine/steps.js';
import { KINDS } from '../core/kinds.js';
import { checkDocument } from './check.js';
import { block, expr, hclComment, type BodyItem, type HclValue } from './hcl.js';
import { POLICY_AUDIENCES } from '../core/policy-audience.js';
import { checkTables, createInput, envWiring, policyDescription, policyRef, subject, type IacTable, type RenderOptions } from './tables.js';

const name = (t: IacTable) => t.desired.kind;
const tableRef = (t: IacTable) => `aws_dynamodb_table.${name(t)}`;
const blank: BodyItem = { blank: true };
const attr = (n: string, value: HclValue): BodyItem => ({ attr: n, value });
const nested = (type: string, items: BodyItem[]): BodyItem => ({ block: type, body: items });

function variable(n: string, description: string, fallback: string): string[] {
  return block('variable', [n], [attr('description', description), attr('type', expr('string')), attr('default', fallback)]);
}

/** A policy document, its table, index and key ARNs and region written as references. */
function policyValue(t: IacTable, value: unknown): HclValue {
  if (typeof value === 'string') {
    const suffix = t.literals.viaService.split(`.${t.region}.`)[1];
    const refs = {
      'table-arn': expr(`${tableRef(t)}.arn`),
      'index-arn': expr(`"\${${tableRef(t)}.arn}/index/*"`),
      'kms-key': expr(`var.${name(t)}_kms_key_arn`),
      'via-service': expr(`"dynamodb.\${var.region}.${suffix}"`),
    };
    const ref = policyRef(t, value);
    return ref ? refs[ref] : value;
  }
  if (Array.isArray(value)) return value.map((v) => policyValue(t, v));
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, policyValue(t, v)]));
}

function tableBlock(t: IacTable): string[] {
  const input = createInput(t);
  const hash = input.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
  const range = input.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const sse = input.SSESpecification;
  const ignored = [...(t.desired.pitr ? [] : ['point_in_time_recovery']), ...(t.desired.deletionProtection ? [] : ['deletion_protection_enabled'])];
  const items: BodyItem[] = [
    attr('name', expr(`var.${name(t)}_table_name`)),
    attr('billing_mode', input.BillingMode ?? 'PROVISIONED'),
    attr('hash_key', hash),
    ...(range ? [attr('range_key', range)] : []),
    attr('deletion_protection_enabled', input.DeletionProtectionEnabled ?? false),
    blank,
    ...(input.AttributeDefinitions ?? []).map((a) => nested('attribute', [attr('name', a.AttributeName ?? ''), attr('type', a.AttributeType ?? '')])),
  ];
  const indexes = input.GlobalSecondaryIndexes ?? [];
  if (indexes.length > 0) {
    // hashicorp/aws 5.x requires hash_key/range_key here; 6.x deprecates them for key_schema
    // blocks, which 5.100 does not have. They validate cleanly on 5.100 and still work on 6.
    items.push(blank, { comment: 'hash_key and range_key: hashicorp/aws 5.x; 6.x accepts them with a deprecation warning.' });
    for (const index of indexes) {
      const key = (type: string) => index.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
      const sort = key('RANGE');
      items.push(
        nested('global_secondary_index', [
          attr('name', index.IndexName ?? ''),
          attr('hash_key', key('HASH') ?? ''),
          ...(sort ? [attr('range_key', sort)] : []),
          attr('projection_type', index.Projection?.ProjectionType ?? 'ALL'),
        ]),
      );
    }
  }
  const ttl = ttlSpecification(t.desired);
  items.push(blank, nested('ttl', [attr('attribute_name', ttl.AttributeName ?? ''), attr('enabled', ttl.Enabled ?? false)]), blank);
  const key = sse?.KMSMasterKeyId ? [attr('kms_key_arn', expr(`var.${name(t)}_kms_key_arn`))] : [];
  // Enabled without kms_key_arn is the AWS managed key (alias/aws/dynamodb), as CreateTable's SSEType KMS.
  items.push(nested('server_side_encryption', [attr('enabled', sse?.Enabled ?? false), ...key]));
  if (t.desired.pitr) items.push(blank, nested('point_in_time_recovery', [attr('enabled', PITR_ON.PointInTimeRecoveryEnabled)]));
  const tags = Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  items.push(blank, { comment: 'Terraform owns the whole tag set: add here any other tag the table should keep.' }, attr('tags', tags), blank);
  const lifecycle: BodyItem[] = [attr('prevent_destroy', true)];
  // sentinel-init never turns these off on an existing table (--no-pitr, --no-deletion-protection): neither does this code.
  if (ignored.length > 0) lifecycle.push(attr('ignore_changes', ignored.map((n) => expr(n))));
  items.push(nested('lifecycle', lifecycle));
  return block('resource', ['aws_dynamodb_table', name(t)], items);
}

function tableCode(t: IacTable): string[] {
  const n = name(t);
  const input = createInput(t);
  const out: string[][] = [variable(`${n}_table_name`, `Name of Sentinel's ${n} table.`, input.TableName ?? '')];
  if (t.literals.keyArn) {
    out.push(variable(`${n}_kms_key_arn`, `Customer managed KMS key of the ${n} table. A key belongs to one account and region: each deployment needs its own.`, t.literals.keyArn));
  }
  out.push(tableBlock(t));
  // Terraform adopts the existing table instead of creating a second one (Terraform >= 1.5).
  if (t.exists) out.push(block('import', [], [attr('to', expr(tableRef(t))), attr('id', input.TableName ?? '')]));
  // Two policies, each whole alone: neither principal gets the other's rights.
  for (const audience of POLICY_AUDIENCES) {
    out.push(
      block('resource', ['aws_iam_policy', `${n}_${audience}`], [
        attr('name', expr(`"\${var.${n}_table_name}-\${var.region}-${audience}"`)),
        attr('description', policyDescription(t, audience)),
        attr('policy', expr(`jsonencode(${hclPolicy(t, t.policies[audience])})`)),
      ]),
    );
  }
  out.push(block('output', [`${n}_table_arn`], [attr('value', expr(`${tableRef(t)}.arn`))]));
  const envs = envWiring(t);
  for (const [i, env] of envs.entries()) {
    out.push(block('output', [envs.length === 1 ? `${n}_env` : `${n}_env_${i + 1}`], [attr('description', `${env.readers}: the environment variable with the table name.`), attr('value', expr(`"${env.name}=\${${tableRef(t)}.name}"`))]));
  }
  for (const audience of POLICY_AUDIENCES) {
    out.push(block('output', [`${n}_${audience}_policy_arn`], [attr('description', policyDescription(t, audience)), attr('value', expr(`aws_iam_policy.${n}_${audience}.arn`))]));
  }
  return out.flatMap((lines) => [...lines, '']);
}

/** The policy object, indented to sit inside jsonencode( ) at the resource's first level. */
function hclPolicy(t: IacTable, policy: unknown): string {
  const lines = block('x', [], [attr('p', policyValue(t, policy))], '');
  // block() gives `x {`, `  p = {...}`, `}`: keep the value, one level in.
  return lines.slice(1, -1).join('\n').replace(/^ {2}p = /, '');
}

/**
 * Sentinel's own module for its Lambda TVM (terraform/sentinel-tvm), wired to these tables' names:
 * a comment, as its source and package are yours to fill in. Its inputs are in src/core/kinds.ts;
 * a variable it has no input for is set by hand (the next steps after an apply say how).
 */
function tvmModule(tables: readonly IacTable[]): string[] {
  const tvm = tables.flatMap((t) => KINDS[t.desired.kind].wiring.filter((w) => w.consumer === 'Lambda TVM').map((w) => ({ t, w })));
  const inputs = tvm.flatMap(({ t, w }) => (w.deploy ? [{ input: w.deploy.terraform, ref: `${tableRef(t)}.name` }] : []));
  const byHand = tvm.flatMap(({ t, w }) => (w.deploy ? [] : [`${w.name} (${t.desired.kind})`]));
  const width = Math.max('policy_parameter'.length, ...inputs.map((i) => i.input.length));
  const arg = (n: string, v: string) => `#   ${n.padEnd(width)} = ${v}`;
  return [
    "# Sentinel's Lambda TVM with Sentinel's own module (terraform/sentinel-tvm), reading these tables:",
    '# module "sentinel_tvm" {',
    arg('source', '"<path to Sentinel>/terraform/sentinel-tvm"'),
    arg('lambda_zip_path', '"<the Lambda package>"'),
    arg('policy_parameter', '"/sentinel/policies/<name>"'),
    ...inputs.map((i) => arg(i.input, i.ref)),
    '# }',
    ...(byHand.length > 0 ? [`# The module has no input for ${byHand.join(', ')}: set it on the function by hand and attach the runtime policy (sentinel-init KIND --generate-iam runtime) to the module's role.`] : []),
    '# Then check the deployed function: sentinel-init doctor --function <its name or ARN>',
    '',
  ];
}

/** Terraform for the tables (one or several kinds, one region): table, import when it exists, policy, outputs. */
export function renderTerraform(tables: readonly IacTable[], options: RenderOptions): string {
  checkTables(tables);
  const header = [
    hclComment(`${subject(tables)}, generated by sentinel-init ${options.version}`),
    hclComment('from the same data as its own CreateTable requests and --generate-iam.'),
    ...(options.command ? [hclComment(`Again: ${options.command}`)] : []),
    '',
  ];
  const settings = [
    ...block('terraform', [], [
      { comment: 'import blocks need Terraform 1.5. Written for hashicorp/aws 5.100, the version the tests validate with.' },
      attr('required_version', '>= 1.5.0'),
      nested('required_providers', [attr('aws', { source: 'hashicorp/aws', version: '>= 5.100.0' })]),
    ]),
    '',
    ...block('variable', ['region'], [attr('description', "Region of Sentinel's tables."), attr('type', expr('string')), attr('default', tables[0]?.region ?? '')]),
    '',
    ...block('provider', ['aws'], [attr('region', expr('var.region'))]),
    '',
  ];
  return checkDocument(`${[...header, ...settings, ...tables.flatMap(tableCode), ...tvmModule(tables)].join('\n').trimEnd()}\n`, 'Terraform');
}
