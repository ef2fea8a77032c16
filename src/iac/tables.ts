/**
 * What the Terraform and CloudFormation renderers take: the engine's desired table, its two IAM
 * documents (provisioning and runtime, src/policy/iam.ts), and whether the table exists. Both renderers start from these two
 * values, so the code says exactly what apply creates and what --generate-iam prints.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { Identity } from '../aws/types.js';
import { UsageError } from '../core/errors.js';
import { KINDS } from '../core/kinds.js';
import { keyForm } from '../core/kms-key.js';
import { POLICY_FOR, type PolicyAudience } from '../core/policy-audience.js';
import { createTableInput } from '../engine/steps.js';
import type { DesiredTable, Plan } from '../engine/types.js';
import { partitionForRegion } from '../core/partitions.js';
import { policies, tableArn, type Policies } from '../policy/iam.js';
import { viaServiceName } from '../policy/kms.js';

export type { IacFormat, IacOutput } from '../core/iac-output.js';

export interface RenderOptions {
  /** sentinel-init's version, named in the header. */
  version: string;
  /** The command that prints this code again, for the header. */
  command?: string;
}

export interface IacTable {
  /** The desired table; with --kms-key, `kmsKey.arn` is the key's ARN. */
  desired: DesiredTable;
  /** The provisioning and runtime documents for this table, with the literal values `literals` names. */
  policies: Policies;
  /** Strings in `policy` the code writes as references, so the policy follows the table wherever it is deployed. */
  literals: Literals;
  /** The run described the table and it exists: the code adopts it (import) rather than creating it. */
  exists: boolean;
  /** It exists and sentinel-init's plan still has changes for it: an import would adopt it without them. */
  pending?: boolean;
  /** The region the policy was made for; Terraform's default for var.region. */
  region: string;
}

interface Literals {
  tableArn: string;
  indexArn: string;
  keyArn?: string;
  viaService: string;
}

/** What a string of the policy stands for, when it is not written as it is. */
export type PolicyRef = 'table-arn' | 'index-arn' | 'kms-key' | 'via-service';

/** The CreateTable fields both renderers write; any other would be left out of the code without a word. */
const RENDERED = new Set(['TableName', 'KeySchema', 'AttributeDefinitions', 'BillingMode', 'GlobalSecondaryIndexes', 'SSESpecification', 'DeletionProtectionEnabled', 'Tags']);

/** The engine's CreateTable request for the table; throws when it has a field the renderers do not know. */
export function createInput(table: IacTable): CreateTableCommandInput {
  const input = createTableInput(table.desired);
  const unknown = Object.keys(input).filter((k) => !RENDERED.has(k));
  if (unknown.length > 0) throw new Error(`CreateTable's ${unknown.join(', ')} has no place in the Terraform and CloudFormation export yet: add it in src/iac/.`);
  return input;
}

/** Where the table is: the region and, when known, the account and partition (from STS). */
export interface Where {
  region: string;
  accountId?: string;
  partition?: string;
}

/**
 * The key ARN the code names. The policy grants on a key ARN, so an alias or key ID must have been
 * resolved by KMS DescribeKey (a run with credentials does that).
 */
function keyArnOf(desired: DesiredTable): string | undefined {
  const key = desired.kmsKey;
  if (!key) return undefined;
  if (key.arn) return key.arn;
  if (keyForm(key.given) === 'key-arn') return key.given;
  throw new UsageError(
    `The code for --kms-key ${key.given} needs the key's ARN, and this run could not look it up with KMS DescribeKey.`,
    'Pass the key ARN with --kms-key, or run with credentials that may call kms:DescribeKey.',
  );
}

/** One table for the renderers: its policies are the generator's, for this table in `where`. */
export function iacTable(desired: DesiredTable, where: Where, exists = false): IacTable {
  const keyArn = keyArnOf(desired);
  const request = { kind: desired.kind, table: desired.name, region: where.region, accountId: where.accountId, partition: where.partition ?? partitionForRegion(where.region), pitr: desired.pitr, kmsKeyArn: keyArn };
  const arn = tableArn(request);
  return {
    desired: keyArn && desired.kmsKey ? { ...desired, kmsKey: { ...desired.kmsKey, arn: keyArn } } : desired,
    policies: policies(request),
    literals: { tableArn: arn, indexArn: `${arn}/index/*`, viaService: viaServiceName(where.region), ...(keyArn && { keyArn }) },
    exists,
    region: where.region,
  };
}

/** The table of a checked plan (the wizard's and --output's): it exists when the plan found it. */
export function iacTableFromPlan(plan: Plan, identity?: Identity): IacTable {
  const table = iacTable(plan.desired, { region: plan.region, accountId: identity?.account, partition: identity?.partition }, plan.actual !== undefined);
  return { ...table, pending: plan.actual !== undefined && plan.action === 'update' };
}

/** What `text`, a string of the table's policy, stands for; undefined: it is written as it is. */
export function policyRef(table: IacTable, text: string): PolicyRef | undefined {
  const { tableArn: arn, indexArn, keyArn, viaService } = table.literals;
  if (text === arn) return 'table-arn';
  if (text === indexArn) return 'index-arn';
  if (keyArn !== undefined && text === keyArn) return 'kms-key';
  if (text === viaService) return 'via-service';
  return undefined;
}

/** Refuses what one document cannot hold: no table, two of one kind (names are per kind), two regions. */
export function checkTables(tables: readonly IacTable[]): void {
  if (tables.length === 0) throw new Error('No table to render.');
  const kinds = tables.map((t) => t.desired.kind);
  const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (twice) throw new Error(`Two ${twice} tables in one document: render them separately.`);
  if (new Set(tables.map((t) => t.region)).size > 1) throw new Error('Tables of several regions in one document: render each region separately.');
}

/** Each environment variable Sentinel reads this kind's table name from, with who reads it and when. */
export function envWiring(table: IacTable): { name: string; readers: string }[] {
  const env = KINDS[table.desired.kind].wiring.filter((w) => w.kind === 'env');
  return [...new Set(env.map((w) => w.name))].map((name) => {
    const readers = env.filter((w) => w.name === name).map((w) => (w.note ? `${w.consumer} (${w.note})` : w.consumer));
    return { name, readers: readers.join(' and ') };
  });
}

/** What the code holds, for its header: "Sentinel's ratelimit table and its IAM policies (provisioning and runtime)", or for several kinds. */
export function subject(tables: readonly IacTable[], alone = false): string {
  const one = tables.length === 1;
  const which = one ? `Sentinel's ${tables[0]?.desired.kind} table` : `Sentinel's tables (${tables.map((t) => t.desired.kind).join(', ')})`;
  if (alone) return `${which} alone, for a resource import`;
  return `${which} and ${one ? 'its IAM policies' : 'their IAM policies'} (provisioning and runtime)`;
}

/** What each policy resource says of itself: which table, and who gets it. */
export function policyDescription(table: IacTable, audience: PolicyAudience): string {
  return `Sentinel's ${table.desired.kind} table, ${audience} policy: ${POLICY_FOR[audience]}.`;
}

/** The word for names in the code: Session, Approval, BreakGlass, RateLimit. */
export const word = (table: IacTable) => KINDS[table.desired.kind].policyWord;
