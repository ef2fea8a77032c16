/**
 * The controls auditors run on DynamoDB tables, and whether the table after this run passes each:
 * AWS Security Hub (https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html),
 * Control Tower's proactive controls (https://docs.aws.amazon.com/controltower/latest/controlreference/dynamodb-rules.html)
 * and Sentinel's own `sentinel deploy audit` (deploy/audit.go:117-191 at b6142c9e). Pure: said from
 * the plan alone, the same in --plan, --plan --json and the wizard.
 */
import { unreadOf } from './change-text.js';
import type { ControlCheck, Plan } from './types.js';

type PlanWithout = Omit<Plan, 'compliance'>;

interface Outcome {
  status: ControlCheck['status'];
  detail: string;
}

const met = (detail: string): Outcome => ({ status: 'met', detail });
const notMet = (detail: string): Outcome => ({ status: 'not met', detail });
/** A control DynamoDB Local cannot meet whatever the table: said as such, never as the table's failure. */
const local = (detail: string): Outcome => ({ status: 'n/a', detail: `n/a locally: ${detail}` });

/**
 * On-demand capacity passes DynamoDB.1; provisioned passes only with auto scaling, which this tool
 * does not set up. A table this run creates is on-demand; an existing one is what it reports, and a
 * mode it does not report, or one this tool does not know, is not claimed to pass.
 */
function capacity(p: PlanWithout): Outcome {
  if (!p.actual) return met('on-demand capacity (PAY_PER_REQUEST)');
  const mode = p.actual.billingMode;
  if (mode === 'PAY_PER_REQUEST') return met('on-demand capacity (PAY_PER_REQUEST)');
  if (mode === 'PROVISIONED') return notMet('provisioned capacity, left as is (passes only with auto scaling)');
  return { status: 'unknown', detail: mode ? `billing mode ${mode}, which this tool does not know; left as is` : 'DynamoDB does not report the billing mode; left as is' };
}

function pitr(p: PlanWithout): Outcome {
  if (p.actual?.pitr === 'ENABLED' || (p.desired.pitr && p.changes.some((c) => c.op === 'enable-pitr'))) return met('point-in-time recovery on');
  if (unreadOf(p.actual, 'pitr')) return { status: 'unknown', detail: 'point-in-time recovery could not be read' };
  if (p.unsupported.includes('pitr')) return local(`DynamoDB Local has no point-in-time recovery (${p.desired.pitr ? 'on' : '--no-pitr: off'} in AWS)`);
  return notMet(p.desired.pitr ? 'point-in-time recovery off' : 'point-in-time recovery off: --no-pitr');
}

function tagged(p: PlanWithout): Outcome {
  if (p.unsupported.includes('tags')) return local('DynamoDB Local has no tags (set in AWS)');
  if (unreadOf(p.actual, 'tags')) return { status: 'unknown', detail: 'tags could not be read' };
  const keys = Object.keys(p.desired.tags);
  // Without requiredTagKeys any one tag passes; with them, the organisation's keys come as --tag.
  return met(`tags ${keys.join(', ')}`);
}

function deletionProtection(p: PlanWithout): Outcome {
  if (p.desired.deletionProtection || p.actual?.deletionProtection) return met('deletion protection on');
  return notMet('deletion protection off: --no-deletion-protection');
}

/** Any KMS key passes CT.DYNAMODB.PR.2 (AWS managed or customer managed); the AWS owned key does not. */
function kms(p: PlanWithout): Outcome {
  const key = p.desired.kmsKey;
  if (key) return met(`customer managed KMS key ${key.arn ?? key.given}`);
  if (!p.actual) return met('AWS managed KMS key (alias/aws/dynamodb)');
  const sse = p.actual.sse;
  if (sse?.type === 'KMS' && sse.status !== 'DISABLED' && sse.status !== 'DISABLING') return met(`KMS key ${sse.kmsKeyArn ?? '(unnamed)'}, kept: no --kms-key`);
  if (p.actual.arn.includes(':ddblocal:')) return local('DynamoDB Local does not report encryption');
  return notMet('the AWS owned key, left as is: pass --kms-key to use a KMS key');
}

/** Every control, in the order the plan lists them. */
export function complianceOf(p: PlanWithout): ControlCheck[] {
  const pitrNow = pitr(p);
  const protection = deletionProtection(p);
  const rows: [ControlCheck['source'], string, string, Outcome][] = [
    ['Security Hub', 'DynamoDB.1', 'DynamoDB tables should automatically scale capacity with demand', capacity(p)],
    ['Security Hub', 'DynamoDB.2', 'DynamoDB tables should have point-in-time recovery enabled', pitrNow],
    ['Security Hub', 'DynamoDB.5', 'DynamoDB tables should be tagged', tagged(p)],
    ['Security Hub', 'DynamoDB.6', 'DynamoDB tables should have deletion protection enabled', protection],
    ['Control Tower', 'CT.DYNAMODB.PR.1', 'Require that point-in-time recovery for an Amazon DynamoDB table is activated', pitrNow],
    ['Control Tower', 'CT.DYNAMODB.PR.2', 'Require an Amazon DynamoDB table to be encrypted at rest using an AWS KMS key', kms(p)],
    // deploy/audit.go:142-152 (HIGH when off) and 173-187 (MEDIUM when off).
    ['Sentinel audit', 'DEPLOY-02', 'Table deletion protection enabled (HIGH finding when off)', protection],
    ['Sentinel audit', 'DEPLOY-02b', 'Table point-in-time recovery enabled (MEDIUM finding when off)', pitrNow],
  ];
  return rows.map(([source, control, title, outcome]) => ({ control, source, title, ...outcome }));
}
