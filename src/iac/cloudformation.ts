/**
 * The CloudFormation export: a YAML template from the engine's CreateTable request (whose fields are
 * AWS::DynamoDB::Table's properties, SSESpecification's renamed), TTL and PITR specifications, and
 * table's two policies (provisioning and runtime). No account, region or partition is written: the ARNs come from the
 * table and from pseudo-parameters, so the same template serves every account and region of a StackSet.
 * Intrinsics in their long form (`Fn::Sub:`), so any YAML tool reads the template, not only
 * CloudFormation-aware ones.
 */
import { PITR_ON } from '../engine/pitr.js';
import { ttlSpecification } from '../engine/steps.js';
import { POLICY_AUDIENCES, type PolicyAudience } from '../core/policy-audience.js';
import { checkTables, createInput, envWiring, policyDescription, policyRef, subject, word, type IacTable, type PolicyRef, type RenderOptions } from './tables.js';
import { checkDocument } from './check.js';
import { yamlDocument } from './yaml.js';

export interface CloudFormationOptions extends RenderOptions {
  /**
   * The existing tables alone, for a resource import: an IMPORT change set may only add the resources
   * it imports, so the IAM policies and the tables still to create come in the next stack update.
   */
  importOnly?: boolean;
}

/** Logical IDs and parameter names: SessionTable, SessionTableName, SessionTableProvisioningPolicy, SessionTableRuntimePolicy, SessionKmsKeyArn. */
export const logicalId = (t: IacTable, what: 'Table' | 'TableName' | 'TableProvisioningPolicy' | 'TableRuntimePolicy' | 'KmsKeyArn') => `${word(t)}${what}`;

/** The logical ID of the table's policy for `audience`. */
const policyId = (t: IacTable, audience: PolicyAudience) => logicalId(t, audience === 'provisioning' ? 'TableProvisioningPolicy' : 'TableRuntimePolicy');

/** A policy document with its table, index and key ARNs and region as intrinsics. */
function policyValue(t: IacTable, value: unknown): unknown {
  if (typeof value === 'string') {
    const refs: Record<PolicyRef, unknown> = {
      'table-arn': { 'Fn::GetAtt': [logicalId(t, 'Table'), 'Arn'] },
      'index-arn': { 'Fn::Sub': `\${${logicalId(t, 'Table')}.Arn}/index/*` },
      'kms-key': { Ref: logicalId(t, 'KmsKeyArn') },
      'via-service': { 'Fn::Sub': 'dynamodb.${AWS::Region}.${AWS::URLSuffix}' },
    };
    const ref = policyRef(t, value);
    return ref ? refs[ref] : value;
  }
  if (Array.isArray(value)) return value.map((v) => policyValue(t, v));
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, policyValue(t, v)]));
}

function parameters(t: IacTable): Record<string, unknown> {
  const n = t.desired.kind;
  const table = {
    Type: 'String',
    Default: createInput(t).TableName,
    Description: `Name of Sentinel's ${n} table.`,
    AllowedPattern: '[a-zA-Z0-9_.-]+',
    MinLength: 3,
    MaxLength: 255,
  };
  const key = t.literals.keyArn && {
    Type: 'String',
    Default: t.literals.keyArn,
    Description: `ARN of the customer managed KMS key of the ${n} table. A key belongs to one account and region: override it per stack instance.`,
  };
  return { [logicalId(t, 'TableName')]: table, ...(key && { [logicalId(t, 'KmsKeyArn')]: key }) };
}

function table(t: IacTable): Record<string, unknown> {
  const input = createInput(t);
  const sse = input.SSESpecification;
  return {
    Type: 'AWS::DynamoDB::Table',
    // The table holds Sentinel's records: kept when the stack goes or a change would replace it.
    // A resource import needs a DeletionPolicy too.
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: { Ref: logicalId(t, 'TableName') },
      AttributeDefinitions: input.AttributeDefinitions,
      KeySchema: input.KeySchema,
      BillingMode: input.BillingMode,
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes,
      TimeToLiveSpecification: ttlSpecification(t.desired),
      SSESpecification: { SSEEnabled: sse?.Enabled, SSEType: sse?.SSEType, ...(sse?.KMSMasterKeyId && { KMSMasterKeyId: { Ref: logicalId(t, 'KmsKeyArn') } }) },
      DeletionProtectionEnabled: input.DeletionProtectionEnabled,
      // --no-pitr: nothing, as apply sends nothing (PITR is never turned off).
      ...(t.desired.pitr && { PointInTimeRecoverySpecification: PITR_ON }),
      Tags: input.Tags,
    },
  };
}

function policy(t: IacTable, audience: PolicyAudience): Record<string, unknown> {
  return {
    Type: 'AWS::IAM::ManagedPolicy',
    // No ManagedPolicyName: CloudFormation makes a unique one, so one account may hold the stack in
    // several regions, and CAPABILITY_IAM suffices (a name needs CAPABILITY_NAMED_IAM).
    Properties: {
      Description: policyDescription(t, audience),
      PolicyDocument: policyValue(t, t.policies[audience]),
    },
  };
}

function outputs(t: IacTable, withPolicy: boolean): Record<string, unknown> {
  const id = logicalId(t, 'Table');
  const envs = envWiring(t).map((env, i, all) => [
    `${id}Env${all.length === 1 ? '' : i + 1}`,
    { Description: `${env.readers}: the environment variable with the table name.`, Value: { 'Fn::Sub': `${env.name}=\${${id}}` } },
  ]);
  return {
    [`${id}Arn`]: { Description: `ARN of Sentinel's ${t.desired.kind} table.`, Value: { 'Fn::GetAtt': [id, 'Arn'] } },
    ...Object.fromEntries(envs),
    ...(withPolicy && Object.fromEntries(POLICY_AUDIENCES.map((a) => [`${policyId(t, a)}Arn`, { Description: `ARN of the ${policyDescription(t, a)}`, Value: { Ref: policyId(t, a) } }]))),
  };
}

/** A CloudFormation YAML template for the tables (one or several kinds): parameters, tables, policies, outputs. */
export function renderCloudFormation(all: readonly IacTable[], options: CloudFormationOptions): string {
  checkTables(all);
  const tables = options.importOnly ? all.filter((t) => t.exists) : all;
  if (tables.length === 0) throw new Error('No existing table to import.');
  const what = subject(tables, options.importOnly);
  const comments = [
    `${what}, generated by sentinel-init ${options.version}`,
    'from the same data as its own CreateTable requests and --generate-iam.',
    ...(options.command ? [`Again: ${options.command}`] : []),
    tables.some((t) => t.literals.keyArn)
      ? "No account or region is written here but the KMS key ARN parameters' defaults: override them per StackSet instance."
      : 'No account or region is written here: a StackSet can deploy it as it is (needs CAPABILITY_IAM).',
  ];
  const resources = tables.flatMap((t) => [[logicalId(t, 'Table'), table(t)], ...(options.importOnly ? [] : POLICY_AUDIENCES.map((a) => [policyId(t, a), policy(t, a)]))]);
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${what}, from sentinel-init ${options.version}.`,
    Parameters: Object.assign({}, ...tables.map(parameters)),
    Resources: Object.fromEntries(resources),
    Outputs: Object.assign({}, ...tables.map((t) => outputs(t, !options.importOnly))),
  };
  return checkDocument(yamlDocument(template, comments), 'CloudFormation');
}
