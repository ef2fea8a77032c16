/**
 * The emitted documents, parsed by the real tools (PyYAML, terraform plan), mapped back to the
 * DynamoDB requests CloudFormation and hashicorp/aws would send. Only the mapping of names lives
 * here: every value comes from the parsed document, and a property or attribute the mapping does
 * not know fails the test instead of being dropped.
 */
import type { CreateTableCommandInput, PointInTimeRecoverySpecification, TimeToLiveSpecification } from '@aws-sdk/client-dynamodb';

// Parsed documents are untyped JSON; the assertions check their shape.
type Json = any;

export interface Requests {
  createTable: CreateTableCommandInput;
  /** UpdateTimeToLive's specification. */
  ttl?: TimeToLiveSpecification;
  /** UpdateContinuousBackups' specification; undefined: none sent. */
  pitr?: PointInTimeRecoverySpecification;
}

function onlyKnown(what: string, value: Json, known: string[]): void {
  const unknown = Object.entries(value).filter(([k, v]) => !known.includes(k) && v !== null && !(Array.isArray(v) && v.length === 0));
  if (unknown.length > 0) throw new Error(`${what} has ${unknown.map(([k]) => k).join(', ')}, which this mapping does not know.`);
}

const CFN_TABLE = ['TableName', 'AttributeDefinitions', 'KeySchema', 'BillingMode', 'GlobalSecondaryIndexes', 'TimeToLiveSpecification', 'SSESpecification', 'DeletionProtectionEnabled', 'PointInTimeRecoverySpecification', 'Tags'];

/** A template's table, parameters at their defaults unless given, as the requests CloudFormation makes. */
export function fromCloudFormation(template: Json, logicalId: string, params: Record<string, string> = {}): Requests {
  const resolve = (v: Json) => (typeof v === 'object' && v !== null && 'Ref' in v ? (params[v.Ref] ?? template.Parameters[v.Ref].Default) : v);
  const p = template.Resources[logicalId].Properties;
  onlyKnown(`${logicalId}'s Properties`, p, CFN_TABLE);
  const sse = p.SSESpecification;
  return {
    createTable: {
      TableName: resolve(p.TableName),
      KeySchema: p.KeySchema,
      AttributeDefinitions: p.AttributeDefinitions,
      BillingMode: p.BillingMode,
      ...(p.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes }),
      SSESpecification: { Enabled: sse.SSEEnabled, SSEType: sse.SSEType, ...(sse.KMSMasterKeyId && { KMSMasterKeyId: resolve(sse.KMSMasterKeyId) }) },
      DeletionProtectionEnabled: p.DeletionProtectionEnabled,
      Tags: p.Tags,
    },
    ttl: p.TimeToLiveSpecification,
    pitr: p.PointInTimeRecoverySpecification,
  };
}

const TF_TABLE = ['name', 'hash_key', 'range_key', 'billing_mode', 'attribute', 'global_secondary_index', 'ttl', 'server_side_encryption', 'deletion_protection_enabled', 'point_in_time_recovery', 'tags', 'tags_all'];

const keySchema = (hash: string, range?: string | null) => [{ AttributeName: hash, KeyType: 'HASH' as const }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];

/** An aws_dynamodb_table's planned values, as the requests hashicorp/aws makes. */
export function fromTerraform(after: Json): Requests {
  onlyKnown(`aws_dynamodb_table ${after.name}`, after, TF_TABLE);
  const sse = after.server_side_encryption[0];
  const indexes: Json[] = after.global_secondary_index;
  return {
    createTable: {
      TableName: after.name,
      KeySchema: keySchema(after.hash_key, after.range_key),
      AttributeDefinitions: after.attribute.map((a: Json) => ({ AttributeName: a.name, AttributeType: a.type })),
      BillingMode: after.billing_mode,
      ...(indexes.length > 0 && {
        GlobalSecondaryIndexes: indexes.map((g) => {
          onlyKnown(`global_secondary_index ${g.name}`, g, ['name', 'hash_key', 'range_key', 'projection_type']);
          return { IndexName: g.name, KeySchema: keySchema(g.hash_key, g.range_key), Projection: { ProjectionType: g.projection_type } };
        }),
      }),
      // The provider sends {Enabled}, adding SSEType KMS only with kms_key_arn (expandEncryptAtRestOptions);
      // DynamoDB's SSESpecification: "If enabled (true), server-side encryption type is set to KMS".
      SSESpecification: { Enabled: sse.enabled, ...(sse.enabled && { SSEType: 'KMS' }), ...(sse.kms_key_arn && { KMSMasterKeyId: sse.kms_key_arn }) },
      DeletionProtectionEnabled: after.deletion_protection_enabled ?? false,
      Tags: Object.entries(after.tags ?? {}).map(([Key, Value]) => ({ Key, Value: Value as string })),
    },
    ttl: after.ttl[0] && { Enabled: after.ttl[0].enabled, AttributeName: after.ttl[0].attribute_name },
    // Without the block the value is unknown until apply, and the provider sends nothing for it.
    pitr: after.point_in_time_recovery?.[0] && { PointInTimeRecoveryEnabled: after.point_in_time_recovery[0].enabled },
  };
}

/** Lists DynamoDB treats as sets, in one order: attribute definitions, indexes, tags. */
export function normalized(input: CreateTableCommandInput): CreateTableCommandInput {
  const by = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    ...input,
    AttributeDefinitions: [...(input.AttributeDefinitions ?? [])].sort(by((a) => a.AttributeName ?? '')),
    ...(input.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: [...input.GlobalSecondaryIndexes].sort(by((i) => i.IndexName ?? '')) }),
    Tags: [...(input.Tags ?? [])].sort(by((t) => t.Key ?? '')),
  };
}

/** One account and region of a stack instance, as CloudFormation's pseudo-parameters give them. */
export interface Stack {
  account: string;
  region: string;
  partition: string;
  urlSuffix: string;
}

/** `value` with Ref, Fn::GetAtt (Arn of a table) and Fn::Sub evaluated as CloudFormation would in `stack`. */
export function evaluate(value: Json, template: Json, stack: Stack): Json {
  const pseudo: Record<string, string> = { 'AWS::AccountId': stack.account, 'AWS::Region': stack.region, 'AWS::Partition': stack.partition, 'AWS::URLSuffix': stack.urlSuffix };
  const ref = (name: string): string => {
    if (name in pseudo) return pseudo[name] as string;
    if (template.Parameters?.[name]) return template.Parameters[name].Default;
    const resource = template.Resources[name];
    if (resource?.Type === 'AWS::DynamoDB::Table') return evaluate(resource.Properties.TableName, template, stack);
    throw new Error(`No Ref for ${name} in this evaluator.`);
  };
  const arn = (name: string) => `arn:${stack.partition}:dynamodb:${stack.region}:${stack.account}:table/${ref(name)}`;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, template, stack));
  if (typeof value !== 'object' || value === null) return value;
  if ('Ref' in value) return ref(value.Ref);
  if ('Fn::GetAtt' in value) {
    const [name, attribute] = value['Fn::GetAtt'];
    if (attribute !== 'Arn') throw new Error(`No GetAtt ${attribute} in this evaluator.`);
    return arn(name);
  }
  if ('Fn::Sub' in value) return (value['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => (name.endsWith('.Arn') ? arn(name.slice(0, -4)) : ref(name)));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, template, stack)]));
}
