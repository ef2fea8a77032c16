/**
 * The two IAM policies for Sentinel's tables, named by who gets them (src/core/policy-audience.ts):
 *
 * - provisioning (whoever runs sentinel-init): exactly the calls this tool makes on the table to plan,
 *   create, converge and export it (Sid Sentinel<Kind>TableProvisioning), the item calls verify makes
 *   (Sentinel<Kind>TableVerify), and with a customer managed key what DynamoDB and this tool need on it.
 * - runtime (Sentinel's Lambda TVM role and its CLI users): the item calls the kind's Sentinel store
 *   makes (Sentinel<Kind>TableOperations), and with a customer managed key Decrypt through DynamoDB.
 *
 * Each is a whole policy alone, so neither principal gets the other's rights. Pure and offline:
 * --generate-iam needs no credentials.
 */
import type { PolicyAudience } from '../core/policy-audience.js';
import { partitionForRegion } from '../core/partitions.js';
import { KINDS } from '../core/kinds.js';
import type { KindName } from '../core/kinds.js';
import { OPERATION_ACTIONS, provisioningActions, verifyActions } from './actions.js';
import { kmsStatements, runtimeKmsStatements } from './kms.js';

export { OPERATION_ACTIONS, provisioningActions, verifyActions, type OperationAction } from './actions.js';
export type { PolicyAudience } from '../core/policy-audience.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyRequest {
  kind: KindName;
  table: string;
  /** A region name, or `*` when unknown. */
  region: string;
  /** 12 digits; `*` when unknown (offline). */
  accountId?: string;
  /** From STS when known; else derived from the region. */
  partition?: string;
  /** Whether the run turns point-in-time recovery on (false: --no-pitr); default true. */
  pitr?: boolean;
  /** The customer managed key's ARN (--kms-key, resolved); undefined: the AWS managed key, no kms:* needed. */
  kmsKeyArn?: string;
}

/** Both documents, by audience. */
export type Policies = Record<PolicyAudience, PolicyDocument>;

/** arn:<partition>:dynamodb:<region>:<account>:table/<name> */
export function tableArn(request: PolicyRequest): string {
  const partition = request.partition ?? partitionForRegion(request.region);
  return `arn:${partition}:dynamodb:${request.region}:${request.accountId ?? '*'}:table/${request.table}`;
}

/** The table's ARN, and its indexes' when `actions` query (every Query of Sentinel's and verify's names an index). */
function itemResources(request: PolicyRequest, actions: readonly string[]): string[] {
  const arn = tableArn(request);
  return actions.includes('dynamodb:Query') ? [arn, `${arn}/index/*`] : [arn];
}

function provisioningStatements(request: PolicyRequest): PolicyStatement[] {
  const word = KINDS[request.kind].policyWord;
  const verify = verifyActions(request.kind);
  return [
    { Sid: `Sentinel${word}TableProvisioning`, Effect: 'Allow', Action: provisioningActions(request.pitr), Resource: [tableArn(request)] },
    { Sid: `Sentinel${word}TableVerify`, Effect: 'Allow', Action: verify, Resource: itemResources(request, verify) },
    ...(request.kmsKeyArn ? kmsStatements(word, request.kmsKeyArn, request.region) : []),
  ];
}

function runtimeStatements(request: PolicyRequest): PolicyStatement[] {
  const word = KINDS[request.kind].policyWord;
  const operations = [...OPERATION_ACTIONS[request.kind]];
  return [
    { Sid: `Sentinel${word}TableOperations`, Effect: 'Allow', Action: operations, Resource: itemResources(request, operations) },
    ...(request.kmsKeyArn ? runtimeKmsStatements(word, request.kmsKeyArn, request.region) : []),
  ];
}

const list = (request: PolicyRequest | readonly PolicyRequest[]): readonly PolicyRequest[] => (Array.isArray(request) ? request : [request as PolicyRequest]);

/** For whoever runs sentinel-init: one table, or several (`all`), each table's statements in turn. */
export function provisioningPolicy(request: PolicyRequest | readonly PolicyRequest[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: list(request).flatMap(provisioningStatements) };
}

/** For Sentinel (its Lambda TVM role and its CLI users): one table, or several (`all`). */
export function runtimePolicy(request: PolicyRequest | readonly PolicyRequest[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: list(request).flatMap(runtimeStatements) };
}

/** Both documents for the tables. */
export function policies(request: PolicyRequest | readonly PolicyRequest[]): Policies {
  return { provisioning: provisioningPolicy(request), runtime: runtimePolicy(request) };
}

/**
 * As printed and saved: two-space JSON with a trailing newline. One document when `which` is given;
 * else one object `{"provisioning": {...}, "runtime": {...}}`, which is no policy itself, so it cannot
 * be attached whole by mistake (`jq .runtime` takes one out).
 */
export function policyJson(request: PolicyRequest | readonly PolicyRequest[], which?: PolicyAudience): string {
  const value = which === 'provisioning' ? provisioningPolicy(request) : which === 'runtime' ? runtimePolicy(request) : policies(request);
  return `${JSON.stringify(value, null, 2)}\n`;
}
